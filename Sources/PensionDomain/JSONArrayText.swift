/// JSON arrays of strings, and of arrays of strings, written as `JSONEncoder` writes them (with
/// `.withoutEscapingSlashes`), for the `json_each(?)` parameters that pass a whole batch of keys to
/// SQLite in one statement.
///
/// `JSONEncoder` built them at 6–7 % of the verify worker's CPU (four arrays per batch of 500).
public enum JSONArrayText: Sendable {
    /// `["a","b"]`.
    public static func strings(_ values: some Sequence<String>) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(values.underestimatedCount * 16 + 2)
        append(values, to: &bytes)
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `[["a","b"],["c","d"]]`.
    public static func rows(_ rows: [[String]]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(rows.count * 64 + 2)
        for (index, row) in rows.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "["))
            append(row, to: &bytes)
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ values: some Sequence<String>, to bytes: inout [UInt8]) {
        var first = true
        for value in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            JSONObjectWriter.appendString(value, to: &bytes)
        }
    }
}
