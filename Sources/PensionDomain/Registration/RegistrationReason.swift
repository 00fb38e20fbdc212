import Foundation

/// The reason code of a registration decision: a small fixed label set for audit rows, metrics and reports.
public struct RegistrationReason: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The snake_case wire form.
    public let rawValue: String
    /// Wraps a raw code.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Allows `.rejected(reason: "card_number")`.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The raw code.
    public var description: String { rawValue }

    /// No beneficiary with this ID number.
    public static let unknownBeneficiary: RegistrationReason = "unknown_beneficiary"
    /// The beneficiary's identity is not verified (never checked, mismatch, not found, invalid).
    public static let notVerified: RegistrationReason = "not_verified"
    /// The beneficiary is recorded as deceased.
    public static let deceased: RegistrationReason = "deceased"
    /// The BIN is not in the pinned `BankDirectory`.
    public static let unknownBank: RegistrationReason = "unknown_bank"
    /// The account is a payment-card number.
    public static let cardNumber: RegistrationReason = "card_number"
    /// The account or BIN is an e-wallet.
    public static let eWallet: RegistrationReason = "e_wallet"
    /// The account is too short, too long, or has characters an account cannot have.
    public static let invalidAccount: RegistrationReason = "invalid_account"
    /// The bank's name inquiry found no such account.
    public static let accountNotFound: RegistrationReason = "account_not_found"
    /// The bank's holder name is not the verified name and no valid authorisation covers it.
    public static let holderNameMismatch: RegistrationReason = "holder_name_mismatch"
    /// The authorisation has expired, or lapsed under the old law.
    public static let authorisationExpired: RegistrationReason = "authorisation_expired"
    /// The authorisation is too long, not yet started, inconsistent, or names the beneficiary.
    public static let authorisationInvalid: RegistrationReason = "authorisation_invalid"
    /// The account already pays another beneficiary (a fraud signal): an officer must look.
    public static let sharedAccount: RegistrationReason = "shared_account"
    /// The beneficiary's verification has not finished yet.
    public static let verificationPending: RegistrationReason = "verification_pending"

    /// Every code that `.rejected` can carry, in report order.
    public static let rejectionReasons: [RegistrationReason] = [
        .unknownBeneficiary, .notVerified, .deceased, .unknownBank, .cardNumber, .eWallet, .invalidAccount,
        .accountNotFound, .holderNameMismatch, .authorisationExpired, .authorisationInvalid,
    ]

    /// Decodes from a plain string.
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
