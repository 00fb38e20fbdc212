import Foundation

/// Where each known column sits in a registration-request file.
///
/// Like `RosterHeader`: names are matched trimmed and case-insensitively, in any order, and unknown
/// columns are ignored. Header problems are reported as `RosterHeaderError`.
public struct RegistrationHeader: Hashable, Sendable {
    /// Position of each known column present in the header.
    public let indices: [RegistrationColumn: Int]
    /// The number of fields every data row must have.
    public let fieldCount: Int

    /// Reads a header record.
    public init(fields: [String]) throws(RosterHeaderError) {
        var indices: [RegistrationColumn: Int] = [:]
        for (position, raw) in fields.enumerated() {
            let name = UnicodeText.trimmed(raw).lowercased()
            guard let column = RegistrationColumn(rawValue: name) else { continue }
            if indices[column] != nil {
                throw RosterHeaderError(code: .duplicateColumn, columns: [column.rawValue],
                                        message: "header: column \(column.rawValue) appears more than once")
            }
            indices[column] = position
        }
        let missing = RegistrationColumn.required.filter { indices[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty else {
            throw RosterHeaderError(code: .missingColumns, columns: missing,
                                    message: "header: missing required column(s) \(missing.joined(separator: ", "))")
        }
        self.indices = indices
        self.fieldCount = fields.count
    }

    /// The position of a column, or nil when the file does not have it.
    public func index(of column: RegistrationColumn) -> Int? { indices[column] }
}
