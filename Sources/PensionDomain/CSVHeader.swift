import Foundation

/// A column of an input CSV file; raw values are the header names.
public protocol CSVColumn: RawRepresentable<String>, Hashable, Sendable, CaseIterable {
    /// The columns a file of this kind must have.
    static var required: [Self] { get }
}

/// Where each known column sits in an input file (roster, registration requests, contact
/// preferences).
///
/// Column names are matched trimmed and case-insensitively, in any order; unknown columns are
/// ignored so provinces can keep extra working columns in their spreadsheets.
public struct CSVHeader<Column: CSVColumn>: Hashable, Sendable {
    /// Position of each known column present in the header.
    public let indices: [Column: Int]
    /// The number of fields every data row must have.
    public let fieldCount: Int

    /// Reads a header record.
    public init(fields: [String]) throws(RosterHeaderError) {
        var indices: [Column: Int] = [:]
        for (position, raw) in fields.enumerated() {
            let name = UnicodeText.trimmed(raw).lowercased()
            guard let column = Column(rawValue: name) else { continue }
            if indices[column] != nil {
                throw RosterHeaderError(code: .duplicateColumn, columns: [column.rawValue],
                                        message: "header: column \(column.rawValue) appears more than once")
            }
            indices[column] = position
        }
        let missing = Column.required.filter { indices[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty else {
            throw RosterHeaderError(code: .missingColumns, columns: missing,
                                    message: "header: missing required column(s) \(missing.joined(separator: ", "))")
        }
        self.indices = indices
        self.fieldCount = fields.count
    }

    /// The position of a column, or nil when the file does not have it.
    public func index(of column: Column) -> Int? { indices[column] }

    /// A row error for the first known column whose value holds a control character other than tab,
    /// CR or LF (NUL, escape, …), or nil. Such bytes are never part of a name, code or address, and a
    /// NUL would cut the value short inside SQLite.
    public func controlCharacterError(in record: CSVRecord) -> RosterRowError? {
        for column in Column.allCases {
            guard let value = value(column, in: record) else { continue }
            if UnicodeText.containsControlCharacter(value, allowingWhiteSpace: true) {
                return RosterRowError(line: record.line, field: column.rawValue,
                                      message: "contains a control character (such as NUL); remove it and import the row again")
            }
        }
        return nil
    }

    /// The value of `column` in `record`, or nil when the file does not have the column.
    public func value(_ column: Column, in record: CSVRecord) -> String? {
        guard let index = indices[column], index < record.fields.count else { return nil }
        return record.fields[index]
    }
}

/// The header of a beneficiary roster.
public typealias RosterHeader = CSVHeader<RosterColumn>
/// The header of a registration-request file.
public typealias RegistrationHeader = CSVHeader<RegistrationColumn>
