import Testing
@testable import PensionDomain

@Suite("PersonName")
struct PersonNameTests {
    @Test("equal names match", arguments: [
        ("Nguyễn Thị Ánh Đào", "Nguyễn Thị Ánh Đào"),
        ("Nguyễn Thị Ánh Đào", "Nguye\u{0302}\u{0303}n Thi\u{0323} A\u{0301}nh Đa\u{0300}o"), // NFD
        ("Nguyễn Thị Ánh Đào", "NGUYỄN THỊ ÁNH ĐÀO"),
        ("Đào Văn Đức", "\u{00D0}ào Văn \u{00D0}ức"),          // Icelandic ETH
        ("đào", "\u{00F0}ào"),
        ("Đỗ", "\u{0189}ỗ"),                                     // African D
        ("Nguyễn  Văn\u{00A0}An", "Nguyễn Văn An"),
        ("\u{200B}Nguyễn\u{200C} Văn An\u{FEFF} ", "Nguyễn Văn An"),
        ("Ngu\u{200D}yễn Văn An", "Nguyễn Văn An"),
        ("Trần\tVăn\nAn", "Trần Văn An"),
        ("Lê Thị Hòa", "Lê Thị Hoà"),
        ("Hòa", "HOÀ"),
        ("Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ"),
        ("Lê Văn Úy", "Lê Văn Uý"),
        ("Trần Thị Hóa", "Trần Thị Hoá"),
        ("Khỏe", "Khoẻ"),
        ("Khoè", "Khòe"),
        ("Xòe", "Xoè"),
        ("Hoạ", "Họa"),
        ("Thoã", "Thõa"),
        ("Hoả", "Hỏa"),
        ("Huỳnh", "HUỲNH"),
        ("Quý", "Qúy"),
        ("Thụy", "Thuỵ"),
        ("Tuỳ", "Tùy"),
        ("Lê Hoàng Long", "Lê Hòang Long"),
        ("Nguyễn Ngọc Thủy Tiên", "nguyễn ngọc thuỷ tiên"),
        ("Trương Thị Thúy Hằng", "Trương Thị Thuý Hằng"),
        ("Đinh Ngọc Khuê", "Đinh Ngọc Khuê"),
        ("Ngoài", "Ngòai"),
        ("Khuỷu", "Khủyu"),
        ("Giữ", "Giữ"),
        ("Lê-Hoà", "Lê-Hòa"),
    ])
    func matching(a: String, b: String) {
        #expect(PersonName.matches(a, b), "\(a) vs \(b): \(PersonName.matchKey(a)) / \(PersonName.matchKey(b))")
        #expect(PersonName.matchKey(a) == PersonName.matchKey(b))
    }

    @Test("real differences stay different", arguments: [
        ("Lê", "Lệ"),
        ("Lê Văn An", "Le Van An"),
        ("Nguyễn Thị Ánh Đào", "NGUYEN THI ANH DAO"),
        ("Đào", "Dao"),
        ("Hòa", "Hóa"),
        ("Thủy", "Thùy"),
        ("Hương", "Huơng"),
        ("Nguyễn Văn An", "Nguyễn Văn Anh"),
        ("Trần Văn An", "Trần An"),
        ("Phạm Thị Mai", "Phạm Thị Mái"),
        ("Ngô", "Ngộ"),
        ("Vũ", "Võ"),
    ])
    func notMatching(a: String, b: String) {
        #expect(!PersonName.matches(a, b), "\(a) vs \(b)")
    }

    @Test func matchKeyIsNFCLowerCaseSingleSpaced() {
        let key = PersonName.matchKey("  NGUYE\u{0302}\u{0303}N\u{00A0}\u{00A0}Thị  ")
        #expect(key == "nguyễn thị")
        #expect(key.unicodeScalars.count == "nguyễn thị".unicodeScalars.count)
        #expect(key == key.precomposedStringWithCanonicalMapping)
    }

    @Test func matchKeyMapsEthToDStroke() {
        #expect(PersonName.matchKey("\u{00D0}ào").unicodeScalars.first == "\u{0111}")
    }

    @Test("unaccented key", arguments: [
        ("Nguyễn Thị Ánh Đào", "NGUYEN THI ANH DAO"),
        ("Nguye\u{0302}\u{0303}n Thi\u{0323} A\u{0301}nh Đa\u{0300}o", "NGUYEN THI ANH DAO"),
        ("\u{00D0}ỗ \u{00F0}ức", "DO DUC"),
        ("\u{0189}inh", "DINH"),
        ("Trương  Thị\u{00A0}Hương\u{200B}", "TRUONG THI HUONG"),
        ("Lưu Thị Yến", "LUU THI YEN"),
        ("Ỷ Lan", "Y LAN"),
        ("ỳ ý ỷ ỹ ỵ", "Y Y Y Y Y"),
        ("Ưng Ơn Ăn Ân", "UNG ON AN AN"),
        ("istanbul", "ISTANBUL"),
        ("", ""),
    ])
    func unaccented(input: String, expected: String) {
        #expect(PersonName.unaccentedKey(input) == expected)
    }

    @Test("masked", arguments: [
        ("Ngọc Thu Anh", "N*** T** A**"),
        ("Nguyễn Thị Ánh Đào", "N***** T** Á** Đ**"),
        (" Lê\u{00A0} An ", "L* A*"),
        ("A", "A"),
        ("", ""),
    ])
    func masked(input: String, expected: String) {
        #expect(PersonName.masked(input) == expected)
    }

    /// The fast path of `normalized` skips NFC for these scalars: each must be stable, starter and
    /// not composable with what precedes it, or the shortcut would keep a non-NFC name.
    @Test func nfcStableScalarsAreTheirOwnNFC() {
        var checked = 0
        for value in UInt32(0)...0x1EFF {
            guard let scalar = Unicode.Scalar(value), UnicodeText.isNFCStable(scalar) else { continue }
            checked += 1
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(String(value, radix: 16))")
            let alone = String(scalar)
            #expect(Array(alone.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar], "U+\(String(value, radix: 16))")
            // Preceded by a letter, it stays two scalars (no stable scalar composes with a neighbour).
            for before in ["a", "o", "\u{1EA0}", "u\u{031B}"] {
                let pair = before + alone
                #expect(Array(pair.precomposedStringWithCanonicalMapping.unicodeScalars) == Array((before.precomposedStringWithCanonicalMapping + alone).unicodeScalars))
            }
        }
        #expect(checked == 0x300 + 0x100)
    }

    @Test func normalizedGivesNFCWithOrWithoutTheFastPath() {
        for name in ["Nguyễn Văn Hòa", "Nguye\u{0302}\u{0303}n Văn A", "Đặng Thị Ánh", "Ω\u{212B}", "Lê\u{0301}", "A\u{030A}"] {
            let normalized = PersonName.normalized(name)
            #expect(Array(normalized.unicodeScalars) == Array(name.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }

    @Test func normalizedKeepsCaseAndTones() {
        #expect(PersonName.normalized(" Lê  Thị\u{00A0}Hòa ") == "Lê Thị Hòa")
        #expect(PersonName.normalized("Nguye\u{0302}\u{0303}n") == "Nguyễn")
    }
}

@Suite struct UnicodeTextFastPathTests {
    /// The written-out sets must agree with Unicode's own properties on every scalar.
    @Test func whiteSpaceAndControlSetsMatchUnicodeProperties() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(UnicodeText.isWhiteSpace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
            let control = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            #expect(control == (scalar.properties.generalCategory == .control), "U+\(String(value, radix: 16))")
        }
    }

    @Test func trimmingWithNothingToTrimReturnsTheValue() {
        #expect(UnicodeText.trimmed("Lê Thị Hoa") == "Lê Thị Hoa")
        #expect(UnicodeText.trimmed("\u{00A0}Lê Thị Hoa\u{200B} ") == "Lê Thị Hoa")
        #expect(UnicodeText.trimmed(" \u{3000}") == "")
        #expect(UnicodeText.trimmed("") == "")
    }

    @Test func equalNamesMatchWithoutNormalisingAndCanonicalEquivalentsToo() {
        #expect(PersonName.matches("Nguyễn Văn Hòa", "Nguyễn Văn Hòa"))
        #expect(PersonName.matches("Nguye\u{0302}\u{0303}n Văn Hòa", "Nguyễn Văn Hòa"))
        #expect(PersonName.matches("Nguyễn Văn Hòa", "NGUYỄN VĂN HOÀ"))
        #expect(!PersonName.matches("Lê Văn Hòa", "Lệ Văn Hòa"))
    }
}
