import Foundation

/// Vietnamese personal-name normalisation and comparison (FACTS §7).
///
/// The same name reaches us precomposed or decomposed, with the Icelandic `Ð` instead of `Đ`,
/// with old ("hòa") or new ("hoà") tone placement, and with NBSP or zero-width characters from
/// copy-paste. None of these are real differences; a changed letter or tone is.
public enum PersonName: Sendable {
    /// Accent-preserving comparison key: NFC, lower-case, single spaces, `Ð`/`ð`/`Ɖ` read as `Đ`/`đ`,
    /// and the tone mark of each syllable moved to one canonical vowel.
    ///
    /// `matchKey("Hòa") == matchKey("HOÀ")`, but `matchKey("Lê") != matchKey("Lệ")`.
    public static func matchKey(_ s: String) -> String {
        let base = UnicodeText.collapsedWhitespace(foldingDLookalikes(s)).lowercased().decomposedStringWithCanonicalMapping
        let words = base.split(separator: " ", omittingEmptySubsequences: true).map { normalizeWordTones(String($0)) }
        return words.joined(separator: " ").precomposedStringWithCanonicalMapping
    }

    /// Accent-free upper-case key, as banks return holder names: "Nguyễn Thị Ánh Đào" → "NGUYEN THI ANH DAO".
    ///
    /// `Đ` does not decompose under NFD, so it (and its look-alikes) is mapped to `D` explicitly.
    public static func unaccentedKey(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in foldingDLookalikes(s).decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0110: out.append("D")
            case 0x0111: out.append("d")
            default:
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                out.append(scalar)
            }
        }
        return UnicodeText.collapsedWhitespace(String(out)).uppercased()
    }

    /// True when both names have the same `matchKey` (same letters and tones, ignoring encoding noise).
    public static func matches(_ a: String, _ b: String) -> Bool {
        // Canonically equivalent strings (Swift's `==`) always have the same key; most pairs are.
        a == b || matchKey(a) == matchKey(b)
    }

    /// A name cleaned for storage and display: NFC, invisible characters removed, single spaces, trimmed.
    /// Letters, case and tone placement are kept as typed.
    public static func normalized(_ s: String) -> String {
        UnicodeText.nfc(UnicodeText.collapsedWhitespace(s))
    }

    /// A log-safe form: each word's first letter followed by one `*` per remaining letter ("N*** T** A**").
    public static func masked(_ s: String) -> String {
        normalized(s).split(separator: " ").map { word in
            let first: Substring = word.prefix(1)
            return first + String(repeating: "*", count: max(0, word.count - 1))
        }.joined(separator: " ")
    }

    // MARK: - Internals

    /// Maps `Ð` U+00D0 and `Ɖ` U+0189 to `Đ` U+0110, and `ð` U+00F0 and `ɖ` U+0256 to `đ` U+0111.
    static func foldingDLookalikes(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x00D0, 0x0189: out.append("\u{0110}")
            case 0x00F0, 0x0256: out.append("\u{0111}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The five Vietnamese tone marks as NFD combining characters: huyền, sắc, ngã, hỏi, nặng.
    static let toneMarks: Set<UInt32> = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]
    /// Vowel-quality marks: circumflex (â ê ô), breve (ă), horn (ơ ư).
    static let qualityMarks: Set<UInt32> = [0x0302, 0x0306, 0x031B]
    static let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y"]

    private struct Letter {
        var base: Unicode.Scalar
        var marks: [Unicode.Scalar]
    }

    /// Splits a lower-case NFD word into runs of letters and applies `normalizeSyllable` to each run,
    /// so hyphenated or apostrophised names are handled per syllable.
    static func normalizeWordTones(_ word: String) -> String {
        var out = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        func flush() {
            if !run.isEmpty { out.append(contentsOf: normalizeSyllable(run).unicodeScalars) }
            run = String.UnicodeScalarView()
        }
        for scalar in word.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark {
                run.append(scalar)
            } else {
                flush()
                out.append(scalar)
            }
        }
        flush()
        return String(out)
    }

    /// Moves the single tone mark of a lower-case NFD syllable to the vowel the modern ("new style")
    /// rule puts it on. Only the position matters for matching, so one consistent rule is enough:
    /// - a vowel with a quality mark (â ê ô ă ơ ư) carries it (the last one, as in "ươ");
    /// - with a final consonant, the last vowel ("hoàng");
    /// - open two-vowel "oa", "oe", "uy" → the second vowel ("hoà", "khoẻ", "thuỷ"), other pairs the first ("mía");
    /// - open three vowels → the middle one ("ngoài", "khuỷu").
    /// "qu" and "gi" + vowel count as consonants. Syllables with no or several tone marks are left alone.
    static func normalizeSyllable(_ syllable: String.UnicodeScalarView) -> String {
        var letters: [Letter] = []
        var tone: Unicode.Scalar?
        var toneCount = 0
        for scalar in syllable {
            if scalar.properties.generalCategory == .nonspacingMark {
                if toneMarks.contains(scalar.value) {
                    tone = scalar
                    toneCount += 1
                    continue
                }
                if letters.isEmpty { return String(syllable) }
                letters[letters.count - 1].marks.append(scalar)
            } else {
                letters.append(Letter(base: scalar, marks: []))
            }
        }
        guard toneCount == 1, let tone else { return String(syllable) }

        var vowelIndices = letters.indices.filter { vowels.contains(letters[$0].base) }
        if letters.count > 1, letters[0].base == "q", letters[1].base == "u" {
            vowelIndices.removeAll { $0 == 1 }
        }
        if letters.count > 1, letters[0].base == "g", letters[1].base == "i",
           vowelIndices.contains(where: { $0 > 1 }) {
            vowelIndices.removeAll { $0 == 1 }
        }
        guard let lastVowel = vowelIndices.last else { return String(syllable) }

        let target: Int
        if let marked = vowelIndices.last(where: { index in
            letters[index].marks.contains { qualityMarks.contains($0.value) }
        }) {
            target = marked
        } else if vowelIndices.count == 1 || lastVowel < letters.count - 1 {
            target = lastVowel
        } else if vowelIndices.count == 2 {
            var pairScalars = String.UnicodeScalarView()
            pairScalars.append(letters[vowelIndices[0]].base)
            pairScalars.append(letters[vowelIndices[1]].base)
            let pair = String(pairScalars)
            target = ["oa", "oe", "uy"].contains(pair) ? vowelIndices[1] : vowelIndices[0]
        } else {
            target = vowelIndices[1]
        }

        var out = String.UnicodeScalarView()
        for (index, letter) in letters.enumerated() {
            out.append(letter.base)
            out.append(contentsOf: letter.marks)
            if index == target { out.append(tone) }
        }
        return String(out)
    }
}
