import Foundation

/// One logical CSV record (which may span several physical lines when a quoted field holds newlines).
public struct CSVRecord: Hashable, Sendable {
    /// The unquoted field values, decoded as UTF-8.
    public var fields: [String]
    /// The 1-based physical line on which the record starts, for officer-facing error messages.
    public var line: Int

    /// Creates a record.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
