import Foundation

/// Why a typed-in identity number was refused, phrased for a BHXH officer.
///
/// The error never carries the number itself (only its length), so it is safe to log and to
/// return over the wire.
public struct IdentityInputError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason; compare against the static members.
    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The snake_case wire form of the code.
        public let rawValue: String
        /// Wraps a raw code string.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Lets tests and callers write `error.code == "old_cmnd"`.
        public init(stringLiteral value: String) { self.rawValue = value }
        /// The raw code, so logs show `old_cmnd` rather than a struct dump.
        public var description: String { rawValue }

        /// Nothing but white space was given.
        public static let empty: Code = "empty"
        /// Nine digits: a pre-2016 CMND number, invalid since 01/01/2025.
        public static let oldCMND: Code = "old_cmnd"
        /// Ten digits: the legacy social-insurance (BHXH) code, replaced by the personal ID on 01/08/2025.
        public static let legacyBHXHCode: Code = "legacy_bhxh_code"
        /// Only digits, but not the expected count.
        public static let wrongLength: Code = "wrong_length"
        /// Something other than ASCII digits inside the value.
        public static let nonDigits: Code = "non_digits"
    }

    /// The machine-readable reason.
    public let code: Code
    /// A sentence an officer can act on; never contains the rejected value.
    public let message: String

    /// Builds an error; callers normally use the static factories.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The officer-facing message.
    public var description: String { message }

    static let empty = IdentityInputError(code: .empty, message: "the number is empty")
    static let oldCMND = IdentityInputError(
        code: .oldCMND,
        message: "old 9-digit CMND number — the 12-digit personal ID number is needed"
    )
    static let legacyBHXH = IdentityInputError(
        code: .legacyBHXHCode,
        message: "10-digit BHXH code — the 12-digit personal ID number replaces it since 01/08/2025"
    )
    static func wrongLength(_ count: Int, expected: Int) -> IdentityInputError {
        IdentityInputError(code: .wrongLength, message: "has \(count) digits, \(expected) are needed")
    }
    static let nonDigits = IdentityInputError(
        code: .nonDigits,
        message: "contains characters other than the digits 0-9"
    )
}
