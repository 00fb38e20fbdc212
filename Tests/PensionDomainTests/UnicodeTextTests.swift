import PensionTesting
import Testing
@testable import PensionDomain

@Suite struct UnicodeTextTests {
    /// `collapsedWhitespace` returns clean values as they are; that shortcut must answer exactly
    /// when building the collapsed copy would change nothing.
    @Test func theCollapsedShortcutAgreesWithCollapsing() {
        var random = SeededGenerator(seed: 5_151)
        let alphabet: [String] = [" ", " ", "\u{00A0}", "\u{200B}", "\t", "\n", "\u{FEFF}", "\u{3000}", "a", "Đ", "ễ", "e\u{0301}", "1"]
        var clean = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...7, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
            let collapsed = UnicodeText.collapsing(text)
            let unchanged = Array(collapsed.unicodeScalars) == Array(text.unicodeScalars)
            #expect(UnicodeText.isCollapsed(text) == unchanged, "\(Array(text.unicodeScalars))")
            #expect(Array(UnicodeText.collapsedWhitespace(text).unicodeScalars) == Array(collapsed.unicodeScalars))
            if unchanged { clean += 1 }
        }
        #expect(clean > 1_000)
    }

    /// The byte-level check against the definition, for every scalar, alone and between letters
    /// that take two and three UTF-8 bytes.
    @Test func controlCharactersAreCategoryCcForEveryScalar() {
        var found = (strict: 0, lenient: 0)
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isCc = scalar.properties.generalCategory == .control
            let isWhiteSpace = scalar.properties.isWhitespace
            for text in [String(scalar), "Đ\(scalar)ễ", "a\(scalar)"] {
                #expect(UnicodeText.containsControlCharacter(text) == isCc, "U+\(String(value, radix: 16))")
                #expect(UnicodeText.containsControlCharacter(text, allowingWhiteSpace: true) == (isCc && !isWhiteSpace),
                        "U+\(String(value, radix: 16))")
            }
            if isCc { found.strict += 1 }
            if isCc && !isWhiteSpace { found.lenient += 1 }
        }
        #expect(found.strict == 65)
        #expect(found.lenient == 59)
    }

    @Test func keywordsAreNFCLowerCase() {
        #expect(UnicodeText.keyword(" N\u{1EEF} ") == "nữ")
        #expect(UnicodeText.keyword("NU\u{031B}\u{0303}") == "nữ")
        #expect(UnicodeText.keyword("Nam") == "nam")
    }
}
