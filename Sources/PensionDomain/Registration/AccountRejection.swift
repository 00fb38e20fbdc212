import Foundation

/// Why an account string cannot be a deposit account for pension payment.
///
/// The message never contains the account number, so it can be logged and shown to officers.
public struct AccountRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable machine-readable reason; compare against the static members or a string literal.
    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The snake_case wire form.
        public let rawValue: String
        /// Wraps a raw code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Allows `rejection.code == "card_number"`.
        public init(stringLiteral value: String) { self.rawValue = value }
        /// The raw code.
        public var description: String { rawValue }

        /// Fewer than 6 characters after normalisation (including nothing at all).
        public static let tooShort: Code = "too_short"
        /// More than 19 characters after normalisation.
        public static let tooLong: Code = "too_long"
        /// Something other than the letters A–Z and digits 0–9 (after removing spaces, dots and dashes).
        public static let invalidCharacters: Code = "invalid_characters"
        /// A payment-card number: 16 or 19 digits, a card BIN prefix, and a valid Luhn check digit.
        public static let cardNumber: Code = "card_number"
        /// An e-wallet: a wallet's own BIN or a wallet pseudo-account (MoMo `99MM…`/`PSP…`, ZaloPay `99ZP…`).
        public static let eWallet: Code = "e_wallet"
    }

    /// The reason.
    public let code: Code
    /// An officer-facing explanation, free of the account number.
    public let message: String

    /// Creates a rejection.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
