/// Writes a flat or nested JSON object field by field, the way `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` does, for the task bodies producers publish by the million.
///
/// `JSONEncoder` built a boxed tree per task and was half of the monthly review's CPU in a profile.
/// The caller writes keys in sorted order; strings are escaped as `JSONEncoder` escapes them (tests
/// compare the two byte for byte).
struct JSONObjectWriter {
    private(set) var bytes: [UInt8]
    private var needsComma = false

    /// Starts an object.
    init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Appends `"key":"value"`; nothing when `value` is nil.
    mutating func field(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        startField(key)
        Self.appendString(value, to: &bytes)
    }

    /// Appends `"key":{…}` with a nested object.
    mutating func field(_ key: StaticString, object: JSONObjectWriter) {
        startField(key)
        bytes.append(contentsOf: object.finished())
    }

    /// The object's bytes, closed.
    func finished() -> [UInt8] { bytes + [UInt8(ascii: "}")] }

    private mutating func startField(_ key: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\b \f \n \r \t` or `\u00XX`,
    /// everything else (including `/` and non-ASCII) as its UTF-8 bytes.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
