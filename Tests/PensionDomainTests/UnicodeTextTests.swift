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

    @Test func keywordsAreNFCLowerCase() {
        #expect(UnicodeText.keyword(" N\u{1EEF} ") == "nữ")
        #expect(UnicodeText.keyword("NU\u{031B}\u{0303}") == "nữ")
        #expect(UnicodeText.keyword("Nam") == "nam")
    }
}
