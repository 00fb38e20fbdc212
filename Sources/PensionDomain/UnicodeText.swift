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
        isWhiteSpace(scalar) || isInvisible(scalar)
    }

    /// Whether `s` holds a control character (general category Cc: U+0000–U+001F, U+007F–U+009F),
    /// not counting the white-space ones (tab, line breaks, U+0085) when `allowingWhiteSpace`.
    /// A task ID with one is refused: SQLite's `length()` stops at a NUL, and a control character in
    /// an idempotency key only ever comes from a broken or hostile producer.
    ///
    /// Read as UTF-8 bytes: U+0080–U+009F are the only scalars encoded as 0xC2 0x80–0x9F, and a
    /// scalar-by-scalar walk was 3 % of a roster import's CPU (every field of every row is checked).
    static func containsControlCharacter(_ s: String, allowingWhiteSpace: Bool = false) -> Bool {
        var afterC2 = false
        for byte in s.utf8 {
            if afterC2 && byte <= 0x9F && !(allowingWhiteSpace && byte == 0x85) { return true }
            afterC2 = byte == 0xC2
            if byte < 0x20 && !(allowingWhiteSpace && (0x09...0x0D).contains(byte)) || byte == 0x7F { return true }
        }
        return false
    }

    /// Unicode's `White_Space` property, written out: the set is small and fixed, and the generic
    /// property lookup was the largest single cost of name matching in the verify worker's profile.
    @inline(__always)
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: return true
        case 0x21..<0x85: return false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Trims white space and invisible characters at both ends; keeps the inside untouched.
    static func trimmed(_ s: String) -> String {
        // Most values have nothing to trim: answer without copying.
        if let first = s.unicodeScalars.first, let last = s.unicodeScalars.last, !isSpaceLike(first), !isSpaceLike(last) { return s }
        let scalars = Array(s.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isSpaceLike($0) }),
              let last = scalars.lastIndex(where: { !isSpaceLike($0) }) else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }

    /// Removes invisible characters, turns every run of white space into one ASCII space, and trims.
    static func collapsedWhitespace(_ s: String) -> String {
        // Most values are already clean: answer without building a copy scalar by scalar.
        isCollapsed(s) ? s : collapsing(s)
    }

    /// `collapsedWhitespace` built scalar by scalar.
    static func collapsing(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if isInvisible(scalar) { continue }
            if isWhiteSpace(scalar) {
                pendingSpace = true
                continue
            }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }

    /// True when `collapsedWhitespace(s)` would return `s`: no invisible characters, no white space
    /// but single ASCII spaces between other characters.
    static func isCollapsed(_ s: String) -> Bool {
        var afterSpace = true   // at the start a space would be leading
        for scalar in s.unicodeScalars {
            if scalar == " " {
                if afterSpace { return false }
                afterSpace = true
            } else {
                if isSpaceLike(scalar) { return false }
                afterSpace = false
            }
        }
        return !afterSpace || s.isEmpty
    }

    /// `s` in Unicode NFC. Foundation's NFC goes through CoreFoundation and was 3 % of the verify
    /// worker's CPU; most values are already NFC, and for the scalars `isNFCStable` admits that is
    /// certain, so those strings are returned as they are.
    static func nfc(_ s: String) -> String {
        s.unicodeScalars.allSatisfy(isNFCStable) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// True for the scalars whose every string is its own NFC: Latin up to U+02FF and the
    /// precomposed Vietnamese letters U+1E00–U+1EFF. None of them decomposes, reorders or combines
    /// with a neighbour (combining marks begin at U+0300); a test checks each one against Foundation.
    static func isNFCStable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x0300 || (0x1E00...0x1EFF).contains(scalar.value)
    }

    /// True when every scalar is an ASCII digit 0-9 (full-width and other script digits are rejected on purpose).
    static func isASCIIDigits(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Lower-cased NFC with collapsed spaces: the form keyword parsers (sex, payment method) compare against.
    static func keyword(_ s: String) -> String {
        nfc(collapsedWhitespace(s)).lowercased()
    }
}
