import Foundation
import PensionDomain

/// Streams CSV records from a file in chunks: memory stays flat whatever the file size.
public struct CSVFileReader {
    private let handle: FileHandle
    private var parser = CSVRecordParser()
    private var ready: [CSVRecord] = []
    private var finished = false
    private let chunkSize: Int

    /// Opens the file; throws a readable error when it cannot.
    public init(path: String, chunkSize: Int = 1 << 16) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError("cannot open \(path)")
        }
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// The next up to `max` records, or nil at the end. A syntax error (invalid UTF-8, an
    /// unterminated quote) is thrown with its line number after the records before it.
    public mutating func next(max: Int) throws -> [CSVRecord]? {
        while ready.count < max && !finished {
            let chunk = handle.readData(ofLength: chunkSize)
            if chunk.isEmpty {
                finished = true
                ready.append(contentsOf: try parser.finish())
                try? handle.close()
            } else {
                ready.append(contentsOf: parser.feed(chunk))
                if let error = parser.error {
                    finished = true
                    if ready.isEmpty { throw error }
                }
            }
        }
        if ready.isEmpty {
            if let error = parser.error { throw error }
            return nil
        }
        let count = Swift.min(max, ready.count)
        defer { ready.removeFirst(count) }
        return Array(ready.prefix(count))
    }
}

/// An import cannot go on (file unreadable, header unusable, broker refused).
public struct ImportError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for the operator.
    public var description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
