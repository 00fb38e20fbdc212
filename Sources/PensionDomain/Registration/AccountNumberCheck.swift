import Foundation

/// Decides whether a typed-in account number can be a bank **deposit account** (FACTS §5b).
///
/// In August 2024 transfers failed because ATM card numbers and e-wallets had been registered
/// instead of accounts (2646/BHXH-TCKT); only a deposit account is a lawful target. There is no
/// national account format, so the rules are: 6–19 characters of `[0-9A-Z]` (VietQR limits), not a
/// card number, not an e-wallet.
public enum AccountNumberCheck: Sendable {
    /// Shortest accepted deposit account (VietQR lookup minimum).
    public static let minimumLength = 6
    /// Longest accepted deposit account (VietQR maximum).
    public static let maximumLength = 19
    /// Card numbers are 16 digits, some 19 (FACTS §5b; 20-digit cards are already too long).
    public static let cardLengths: Set<Int> = [16, 19]

    /// Card BINs that are not a bank's Napas BIN: Agribank cards use 970499, not its bank id 970405.
    ///
    /// Every `9704xx` prefix and every BIN in `BankDirectory` (CAKE 546034, CIMB 422589 …) also counts.
    public static let extraCardBINs: Set<String> = ["970499"]

    /// BINs of e-wallet operators, not banks (public VietQR lists; UNCONFIRMED against Napas):
    /// MoMo 971025, Viettel Money 971005, VNPT Money 971011.
    public static let eWalletBINs: Set<String> = ["971025", "971005", "971011"]

    /// Prefixes of wallet pseudo-accounts: MoMo (`99MM…`) and ZaloPay (`99ZP…`) receive through
    /// BVBank-issued accounts; newer MoMo accounts under MoMo's own BIN look like `PSP` + digits.
    public static let eWalletPrefixes: [String] = ["99MM", "99ZP"]

    /// Removes white space (NBSP and zero-width included), dots and dashes, and upper-cases ASCII letters.
    ///
    /// Everything else is kept, so that invalid characters are still seen by `classify`.
    public static func normalize(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            if UnicodeText.isSpaceLike(scalar) || scalar == "." || scalar == "-" { continue }
            if scalar.value >= 0x61, scalar.value <= 0x7A {
                out.append(Unicode.Scalar(scalar.value - 0x20)!)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Classifies `raw` as entered for the bank with `bin`.
    ///
    /// Checks, in order: an e-wallet BIN; allowed characters; length; card number; e-wallet pseudo-account.
    public static func classify(_ raw: String, bin: String) -> AccountCheckResult {
        let bin = UnicodeText.trimmed(bin)
        if eWalletBINs.contains(bin) {
            return .rejected(AccountRejection(code: .eWallet,
                message: "the BIN belongs to an e-wallet, not a bank; e-wallets cannot receive pensions"))
        }
        let account = normalize(raw)
        guard !account.isEmpty else {
            return .rejected(AccountRejection(code: .tooShort, message: "the account number is empty"))
        }
        guard account.utf8.allSatisfy(isAllowed) else {
            return .rejected(AccountRejection(code: .invalidCharacters,
                message: "an account number has only the letters A–Z and digits 0–9 (spaces, dots and dashes are ignored)"))
        }
        let length = account.utf8.count
        if length < minimumLength {
            return .rejected(AccountRejection(code: .tooShort,
                message: "has \(length) characters; a deposit account has \(minimumLength) to \(maximumLength)"))
        }
        if length > maximumLength {
            return .rejected(AccountRejection(code: .tooLong,
                message: "has \(length) characters; a deposit account has \(minimumLength) to \(maximumLength)"))
        }
        if isCardNumber(account, bin: bin) {
            return .rejected(AccountRejection(code: .cardNumber,
                message: "looks like an ATM/payment card number (\(length) digits, card BIN, valid check digit); a deposit account number is needed"))
        }
        if isEWalletAccount(account) {
            return .rejected(AccountRejection(code: .eWallet,
                message: "looks like an e-wallet (MoMo/ZaloPay) pseudo-account; e-wallets cannot receive pensions"))
        }
        return .depositAccount(account)
    }

    /// True for a normalised string of 16 or 19 digits that starts with a card BIN and passes Luhn.
    ///
    /// Card BINs: any `9704xx`, any BIN in `BankDirectory`, `extraCardBINs`, and the request's own `bin`.
    public static func isCardNumber(_ account: String, bin: String? = nil) -> Bool {
        guard cardLengths.contains(account.utf8.count), UnicodeText.isASCIIDigits(account) else { return false }
        return hasCardPrefix(account, bin: bin) && Luhn.isValid(account)
    }

    /// True when the first six digits are a card-issuing BIN (see `isCardNumber`).
    public static func hasCardPrefix(_ account: String, bin: String? = nil) -> Bool {
        if account.hasPrefix("9704") { return true }
        let prefix = String(account.prefix(6))
        guard prefix.utf8.count == 6 else { return false }
        if extraCardBINs.contains(prefix) || BankDirectory.bank(bin: prefix) != nil { return true }
        if let bin, UnicodeText.trimmed(bin) == prefix { return true }
        return false
    }

    /// True for a normalised wallet pseudo-account: `99MM`/`99ZP` + more characters, or `PSP` + digits.
    public static func isEWalletAccount(_ account: String) -> Bool {
        if eWalletPrefixes.contains(where: { account.hasPrefix($0) && account.utf8.count > $0.utf8.count }) {
            return true
        }
        if account.hasPrefix("PSP") {
            let rest = String(account.dropFirst(3))
            return UnicodeText.isASCIIDigits(rest)
        }
        return false
    }

    /// True for `eWalletBINs`.
    public static func isEWalletBIN(_ bin: String) -> Bool {
        eWalletBINs.contains(UnicodeText.trimmed(bin))
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
    }
}
