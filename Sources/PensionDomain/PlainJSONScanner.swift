/// Reads the plain subset of JSON that producers write (``JSONObjectWriter``): objects whose
/// members are strings without escapes, or nested objects of the same kind.
///
/// It is a fast path, not a parser: every method answers `nil` or `false` for anything outside the
/// subset (an escape, a number, `null`, an array, a control character, a non-ASCII key), and the
/// caller then hands the whole body to `JSONDecoder`, which decides and explains. So a body this
/// scanner accepts is always valid JSON, read as `JSONDecoder` reads it, and every refusal keeps
/// `JSONDecoder`'s reason. The body must already be valid UTF-8.
struct PlainJSONScanner: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// True when only JSON whitespace is left.
    var atEnd: Bool {
        mutating get {
            skipWhitespace()
            return position == bytes.count
        }
    }

    /// True when the next value (after whitespace) is an object.
    var atObject: Bool {
        mutating get {
            skipWhitespace()
            return position < bytes.count && bytes[position] == UInt8(ascii: "{")
        }
    }

    /// Walks the members of the object at the current position. `visit` gets each key's bytes and
    /// must read the value; it answers false to give up. Answers false for anything outside the subset.
    mutating func members(_ visit: (inout PlainJSONScanner, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard atObject else { return false }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return true
        }
        while true {
            skipWhitespace()
            guard let key = plainString(), key.allSatisfy({ $0 < 0x80 }) else { return false }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return false }
            position += 1
            guard visit(&self, key) else { return false }
            skipWhitespace()
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return true
            default: return false
            }
        }
    }

    /// The next value as a string, when it is a string without escapes or control characters.
    mutating func string() -> String? {
        plainString().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The contents of the string at the current position (after whitespace), the position moved past it.
    private mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                position = end + 1
                return UnsafeBufferPointer(rebasing: bytes[start..<end])
            }
            // An escape or a raw control character: JSONDecoder's business.
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            end += 1
        }
        return nil
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// True when these bytes spell `key` exactly.
    func spells(_ key: StaticString) -> Bool {
        key.withUTF8Buffer { $0.elementsEqual(self) }
    }
}
