import Foundation

/// The roster's header line cannot be used.
public struct RosterHeaderError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Stable reasons.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// One or more required columns are absent.
        case missingColumns = "missing_columns"
        /// A known column appears twice, so it is unclear which one to read.
        case duplicateColumn = "duplicate_column"
    }

    /// The reason.
    public let code: Code
    /// The column names involved.
    public let columns: [String]
    /// An officer-facing message.
    public let message: String

    /// Creates an error.
    public init(code: Code, columns: [String], message: String) {
        self.code = code
        self.columns = columns
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
