import Foundation

/// How a beneficiary receives the monthly payment.
public enum PaymentMethod: String, Codable, Sendable, Hashable, CaseIterable {
    /// Cash at a payment point or post office.
    case cash
    /// Transfer to the beneficiary's own deposit account (cards and e-wallets are not lawful targets).
    case bank

    /// Accepts `cash`/`bank`, the Vietnamese `tiền mặt`/`tien_mat`, and `TK`/`tài khoản`/`tai_khoan`, in any case.
    public init?(parsing raw: String) {
        // The spellings nearly every roster uses, without the Unicode folding below (a sixth of
        // the roster import's row checks went to it).
        switch raw {
        case "cash": self = .cash; return
        case "bank": self = .bank; return
        default: break
        }
        let key = PersonName.unaccentedKey(raw).replacingOccurrences(of: " ", with: "_")
        switch key {
        case "CASH", "TIEN_MAT": self = .cash
        case "BANK", "TK", "TAI_KHOAN": self = .bank
        default: return nil
        }
    }

    /// Like `init?(parsing:)`, with an officer-facing error.
    public static func parse(_ raw: String, field: String = "payment_method") throws(FieldError) -> PaymentMethod {
        guard let method = PaymentMethod(parsing: raw) else {
            throw FieldError(field: field, message: "expected cash/tien_mat or bank/TK/tai_khoan")
        }
        return method
    }
}
