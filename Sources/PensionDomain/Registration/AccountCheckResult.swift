import Foundation

/// The classification of a raw account string by `AccountNumberCheck`.
public enum AccountCheckResult: Hashable, Sendable {
    /// Looks like a deposit account; carries the normalised number (no spaces, dots or dashes; letters upper case).
    case depositAccount(String)
    /// Cannot be used for pension payment.
    case rejected(AccountRejection)

    /// The normalised account number when it was accepted.
    public var depositAccount: String? {
        if case .depositAccount(let account) = self { return account }
        return nil
    }

    /// The rejection, when there is one.
    public var rejection: AccountRejection? {
        if case .rejected(let rejection) = self { return rejection }
        return nil
    }
}
