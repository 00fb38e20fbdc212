import Foundation

/// The port to the banks' account-name inquiry (through Napas in production): who holds an account.
///
/// Adapters: the HTTP client and its simulator (PensionIntegrations) and in-memory fakes in tests.
public protocol BankNameInquiry: Sendable {
    /// The answer for every account asked about (each key present exactly once in the result).
    ///
    /// Throws `BankInquiryUnavailable` when the inquiry cannot answer now (retry later); a missing
    /// account is an answer (`accountNotFound`), not an error.
    func inquire(_ accounts: [BankAccountKey]) async throws -> [BankAccountKey: BankNameInquiryResult]
}

/// The bank inquiry could not answer (down, timing out, throttling): a transient failure.
public struct BankInquiryUnavailable: Error, Sendable, CustomStringConvertible {
    /// Why, without account numbers or names.
    public var reason: String
    /// Creates the error.
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "bank name inquiry unavailable: \(reason)" }
}
