import Foundation

/// Hostile message bodies and text values for fuzzing tests (issue 8): random bytes, mutations of a
/// valid body, deep nesting, huge bodies, invalid UTF-8, NUL bytes, CSV formulas and SQL
/// metacharacters. Deterministic for a seed.
public struct HostileInput: Sendable {
    /// What kind of hostility a body carries (for reports and for choosing expectations).
    public enum Kind: String, Sendable, CaseIterable {
        case randomBytes, bitFlip, truncated, spliced, deepArray, deepObject, huge, invalidUTF8, nulBytes, hostileValue, wrongTypes
    }

    /// Text values that have broken real systems: formulas, SQL, control characters, odd Unicode.
    public static let hostileStrings: [String] = [
        "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1",
        "'; DROP TABLE beneficiaries; --", "\" OR 1=1 --", "%_%", "\\\\", "Robert'); DELETE FROM notices;--",
        "\u{0000}", "a\u{0000}b", "\u{202E}gnp.exe", "\u{FEFF}", "\u{200B}", "Ǹ̷̡̖̼̹̰̫̱̲̻̞ǵ̶̡̰̮̹", String(repeating: "Đ", count: 5_000),
        "<script>alert(1)</script>", "{{office_name}}", "${jndi:ldap://x/a}", "../../etc/passwd", "\n\n\n", "",
    ]

    /// The generator.
    public var random: SeededGenerator

    /// Creates a generator.
    public init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// A hostile body derived from `valid` (a well-formed task body), of the given kind.
    public mutating func body(_ kind: Kind, from valid: [UInt8]) -> [UInt8] {
        switch kind {
        case .randomBytes:
            return (0..<Int.random(in: 0...600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case .bitFlip:
            var body = valid
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let index = Int.random(in: 0..<body.count, using: &random)
                body[index] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
            }
            return body
        case .truncated:
            return Array(valid.prefix(Int.random(in: 0..<valid.count, using: &random)))
        case .spliced:
            var body = valid
            let at = Int.random(in: 0...body.count, using: &random)
            body.insert(contentsOf: Array(Self.hostileStrings.randomElement(using: &random)!.utf8), at: at)
            return body
        case .deepArray:
            let depth = [600, 5_000, 32_000].randomElement(using: &random)!
            return Array(String(repeating: "[", count: depth).utf8) + Array(String(repeating: "]", count: depth).utf8)
        case .deepObject:
            let depth = [600, 10_000].randomElement(using: &random)!
            return Array((String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)).utf8)
        case .huge:
            let size = [65_537, 300_000, 1_100_000].randomElement(using: &random)!
            return Array("{\"schema\":\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: size) + Array("\"}".utf8)
        case .invalidUTF8:
            var body = valid
            let bad: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]
            body.insert(contentsOf: bad.randomElement(using: &random)!, at: Int.random(in: 0...body.count, using: &random))
            return body
        case .nulBytes:
            var body = valid
            body.insert(0, at: Int.random(in: 0...body.count, using: &random))
            return body
        case .hostileValue:
            // A well-formed document whose string values are hostile.
            var text = String(decoding: valid, as: UTF8.self)
            let value = Self.hostileStrings.randomElement(using: &random)!
            let escaped = value.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "\"": "\\\""
                case "\\": "\\\\"
                default: scalar.value < 0x20 ? String(format: "\\u%04x", scalar.value) : String(scalar)
                }
            }.joined()
            if let range = Self.stringValueRanges(in: text).randomElement(using: &random) {
                text.replaceSubrange(range, with: escaped)
            }
            return Array(text.utf8)
        case .wrongTypes:
            let replacements = ["null", "0", "-1e309", "true", "[]", "{}", "18446744073709551616", "\"\""]
            var text = String(decoding: valid, as: UTF8.self)
            if let range = Self.stringValueRanges(in: text).randomElement(using: &random) {
                // Replace the quotes too: a number or object where a string belongs.
                let lower = text.index(before: range.lowerBound), upper = text.index(after: range.upperBound)
                text.replaceSubrange(lower..<upper, with: replacements.randomElement(using: &random)!)
            }
            return Array(text.utf8)
        }
    }

    /// A hostile body of a random kind.
    public mutating func body(from valid: [UInt8]) -> (Kind, [UInt8]) {
        let kind = Kind.allCases.randomElement(using: &random)!
        return (kind, body(kind, from: valid))
    }

    /// The ranges of the contents of string values (after a `:`) in a flat JSON text.
    static func stringValueRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = text.startIndex
        while let colon = text[index...].firstIndex(of: ":") {
            var cursor = text.index(after: colon)
            while cursor < text.endIndex, text[cursor] == " " || text[cursor] == "\n" { cursor = text.index(after: cursor) }
            if cursor < text.endIndex, text[cursor] == "\"" {
                let start = text.index(after: cursor)
                if let end = text[start...].firstIndex(of: "\"") {
                    ranges.append(start..<end)
                    index = text.index(after: end)
                    continue
                }
            }
            index = text.index(after: colon)
        }
        return ranges
    }
}
