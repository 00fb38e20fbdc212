import PensionDomain

/// What every CSV importer shares: the header row, batches of records, and one rejects file.
///
/// An unreadable stretch of the file (an unclosed quote) ends the import early: it is written to
/// the rejects file with its line number and ``stoppedEarly`` says why; the rows before it count.
final class CSVImportSource<Column: CSVColumn> {
    /// The parsed header.
    let header: CSVHeader<Column>
    /// Where rejected rows go (line, field, reason, original columns).
    let rejects: RejectsWriter
    /// Set when the file could not be read to its end.
    private(set) var stoppedEarly: String?
    private var reader: CSVFileReader

    /// Opens `path` and reads its header.
    ///
    /// - Throws: ``ImportError`` for an empty file or a header without the required columns.
    init(path: String, rejectsPath: String) throws {
        reader = try CSVFileReader(path: path)
        guard let first = try reader.next(max: 1)?.first else { throw ImportError("\(path) is empty: expected a header row") }
        do {
            header = try CSVHeader(fields: first.fields)
        } catch {
            throw ImportError("\(path) line \(first.line): \(error)")
        }
        rejects = RejectsWriter(path: rejectsPath, originalHeader: first.fields)
    }

    /// The next records (at most `max`), or nil at the end of the file or after a syntax error.
    func next(max: Int) throws -> [CSVRecord]? {
        guard stoppedEarly == nil else { return nil }
        do {
            return try reader.next(max: max)
        } catch let error as CSVSyntaxError {
            stoppedEarly = "\(error)"
            try rejects.write(line: error.line, field: "", reason: "\(error.message); the rest of the file was not read", fields: [])
            return nil
        }
    }

    /// Writes a row-level problem to the rejects file.
    func reject(_ error: RosterRowError, fields: [String]) throws {
        try rejects.write(line: error.line, field: error.field, reason: error.message, fields: fields)
    }

    /// Flushes and closes the rejects file.
    func close() throws { try rejects.close() }

    /// The rejects file's path if anything was rejected.
    var rejectsPathIfAny: String? { rejects.count > 0 ? rejects.path : nil }
}
