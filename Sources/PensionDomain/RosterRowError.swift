import Foundation

/// One roster row was refused; the file as a whole may still be imported.
///
/// `description` is the full officer-facing line, e.g.
/// "line 17: national_id: old 9-digit CMND number — the 12-digit personal ID number is needed".
/// The rejected value is never included.
public struct RosterRowError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based physical line where the row starts.
    public let line: Int
    /// The column (e.g. `national_id`), or `row` for problems with the row as a whole.
    public let field: String
    /// What is wrong with that field.
    public let message: String

    /// Creates an error.
    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    /// `line N: field: message`.
    public var description: String { "line \(line): \(field): \(message)" }
}
