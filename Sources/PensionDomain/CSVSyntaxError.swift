import Foundation

/// The CSV file itself is broken at a given line (as opposed to one row having a bad value).
public struct CSVSyntaxError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Stable reasons.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A quoted field is still open at the end of the file.
        case unterminatedQuote = "unterminated_quote"
        /// Something other than a delimiter or line break follows a closing quote.
        case unexpectedCharacterAfterQuote = "unexpected_character_after_quote"
        /// The bytes are not UTF-8 (often a CP1258/TCVN3 export).
        case invalidUTF8 = "invalid_utf8"
        /// One record exceeds the size limit (usually a stray quote swallowing the rest of the file).
        case recordTooLarge = "record_too_large"
    }

    /// The reason.
    public let code: Code
    /// The 1-based physical line where the problem was found or the affected record starts.
    public let line: Int
    /// A human description, without any field content.
    public let message: String

    /// Creates an error.
    public init(code: Code, line: Int, message: String) {
        self.code = code
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
