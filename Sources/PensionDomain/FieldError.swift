import Foundation

/// A value of one named field could not be read.
///
/// `message` describes the expected form and never repeats the rejected value, because the
/// value may be personal data.
public struct FieldError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The field name as it appears on the wire or in the roster header (e.g. `date_of_birth`).
    public let field: String
    /// What was wrong, for an officer.
    public let message: String

    /// Creates a field error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
