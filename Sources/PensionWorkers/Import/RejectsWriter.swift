import Foundation

/// Writes rejected input rows to a CSV (line, field, reason, then the original columns) so
/// provincial staff can correct and re-import them. Created only when there is a reject,
/// readable by its owner only (it holds personal data).
public final class RejectsWriter {
    /// Where the rejects go.
    public let path: String
    private let originalHeader: [String]
    private var handle: FileHandle?
    /// Rows written.
    public private(set) var count = 0

    /// Prepares a writer; nothing is created until the first reject. A rejects file left by an
    /// earlier run is removed, so what is there afterwards always belongs to this run.
    public init(path: String, originalHeader: [String]) {
        self.path = path
        self.originalHeader = originalHeader
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Appends one reject.
    public func write(line: Int, field: String, reason: String, fields: [String]) throws {
        if handle == nil {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw ImportError("cannot create rejects file \(path)")
            }
            guard let opened = FileHandle(forWritingAtPath: path) else { throw ImportError("cannot write rejects file \(path)") }
            try opened.truncate(atOffset: 0)
            handle = opened
            try append(["line", "field", "reason"] + originalHeader)
        }
        try append([String(line), field, reason] + fields)
        count += 1
    }

    /// Flushes and closes.
    public func close() throws {
        try handle?.synchronize()
        try handle?.close()
        handle = nil
    }

    private func append(_ values: [String]) throws {
        try handle?.write(contentsOf: Data((values.map(Self.escape).joined(separator: ",") + "\n").utf8))
    }

    /// RFC 4180 quoting, plus a leading `'` on values a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@`, tab, CR): CSV injection must never reach staff unescaped.
    public static func escape(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
