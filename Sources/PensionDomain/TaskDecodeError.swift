import Foundation

/// Why a message body could not be turned into a task.
///
/// The message names the field (e.g. `beneficiary.full_name`) but never its value, so the error
/// can be logged and stored with the parked message.
public struct TaskDecodeError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A stable machine-readable reason; compare against the static members or a string literal.
    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The snake_case wire form.
        public let rawValue: String
        /// Wraps a raw code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Allows `error.code == "too_large"`.
        public init(stringLiteral value: String) { self.rawValue = value }
        /// The raw code.
        public var description: String { rawValue }

        /// The body is larger than the allowed maximum.
        public static let tooLarge: Code = "too_large"
        /// The body is not valid UTF-8.
        public static let invalidUTF8: Code = "invalid_utf8"
        /// The body is not a JSON object.
        public static let malformedJSON: Code = "malformed_json"
        /// The `schema` names a task type or version this code does not know.
        public static let unknownSchema: Code = "unknown_schema"
        /// A required field is absent or null.
        public static let missingField: Code = "missing_field"
        /// A field has the wrong type or an unusable value.
        public static let invalidField: Code = "invalid_field"
    }

    /// The reason.
    public let code: Code
    /// The dotted field path involved, when there is one.
    public let field: String?
    /// A human description naming the field but not its value.
    public let message: String

    /// Creates an error.
    public init(code: Code, field: String? = nil, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    static func missing(_ field: String) -> TaskDecodeError {
        TaskDecodeError(code: .missingField, field: field, message: "required field \(field) is missing")
    }

    static func invalid(_ field: String, _ why: String) -> TaskDecodeError {
        TaskDecodeError(code: .invalidField, field: field, message: "field \(field) \(why)")
    }
}
