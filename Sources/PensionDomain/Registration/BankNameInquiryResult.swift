import Foundation

/// The answer of a bank's name inquiry for one BIN and account.
///
/// `description` masks the holder name.
public enum BankNameInquiryResult: Hashable, Sendable, CustomStringConvertible {
    /// The account exists; the holder name as the bank returns it (upper case, no diacritics).
    case holder(name: String)
    /// The bank has no such account.
    case accountNotFound

    /// `holder(N*** V** A)` or `accountNotFound`.
    public var description: String {
        switch self {
        case .holder(let name): "holder(\(PersonName.masked(name)))"
        case .accountNotFound: "accountNotFound"
        }
    }
}
