import Foundation

/// Small, locale-independent text helpers shared by the parsers.
///
/// Roster files come from spreadsheets and web forms, so values arrive with NBSP, zero-width
/// characters and byte-order marks that are invisible to an officer but break naive comparisons.
enum UnicodeText: Sendable {
    /// Characters that render as nothing and are removed outright (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen).
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD: return true
        default: return false
        }
    }

    /// Unicode `White_Space` (includes NBSP U+00A0, U+2007, U+202F, ideographic space) plus the invisible set.
    static func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || isInvisible(scalar)
    }

    /// Trims white space and invisible characters at both ends; keeps the inside untouched.
    static func trimmed(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isSpaceLike($0) }),
              let last = scalars.lastIndex(where: { !isSpaceLike($0) }) else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }

    /// Removes invisible characters, turns every run of white space into one ASCII space, and trims.
    static func collapsedWhitespace(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if isInvisible(scalar) { continue }
            if scalar.properties.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }

    /// True when every scalar is an ASCII digit 0-9 (full-width and other script digits are rejected on purpose).
    static func isASCIIDigits(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Lower-cased NFC with collapsed spaces: the form keyword parsers (sex, payment method) compare against.
    static func keyword(_ s: String) -> String {
        collapsedWhitespace(s).precomposedStringWithCanonicalMapping.lowercased()
    }
}
