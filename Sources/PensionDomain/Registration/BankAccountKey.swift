import Foundation

/// A bank account as the name inquiry knows it: the bank's BIN and the normalised account number.
///
/// `description` masks the account.
public struct BankAccountKey: Hashable, Sendable, CustomStringConvertible {
    /// 6-digit BIN.
    public var bankBIN: String
    /// Account number, normalised by `AccountNumberCheck.normalize`.
    public var bankAccount: String

    /// Creates a key; the account is normalised.
    public init(bankBIN: String, bankAccount: String) {
        self.bankBIN = UnicodeText.trimmed(bankBIN)
        self.bankAccount = AccountNumberCheck.normalize(bankAccount)
    }

    /// `970436 **********456`.
    public var description: String { "\(bankBIN) \(Masking.account(bankAccount))" }
}
