import Foundation

/// Where a registration request was collected.
public enum RegistrationChannel: String, Codable, Sendable, Hashable, CaseIterable {
    /// At a cash payment point (bank staff on site, Vietnam Post).
    case paymentPoint = "payment_point"
    /// At a bank branch.
    case bank
    /// Exported from the VssID app ("change form of receipt").
    case vssid
    /// Through the HTTP endpoint (web forms and partner systems).
    case web

    /// Accepts the raw values in any case, with spaces or dashes for underscores, plus the Vietnamese
    /// `điểm chi trả` / `ngân hàng` and `VssID` / `vss_id`, `http` / `api` / `online` for `web`.
    public init?(parsing raw: String) {
        let key = PersonName.unaccentedKey(raw).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        switch key {
        case "payment_point", "diem_chi_tra": self = .paymentPoint
        case "bank", "ngan_hang": self = .bank
        case "vssid", "vss_id": self = .vssid
        case "web", "http", "api", "online": self = .web
        default: return nil
        }
    }

    /// Like `init?(parsing:)`, with an officer-facing error.
    public static func parse(_ raw: String, field: String = "channel") throws(FieldError) -> RegistrationChannel {
        guard let channel = RegistrationChannel(parsing: raw) else {
            throw FieldError(field: field, message: "expected payment_point, bank, vssid or web")
        }
        return channel
    }
}
