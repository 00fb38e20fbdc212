import Testing
@testable import PensionDomain

@Suite("IdentityStructure")
struct IdentityStructureTests {
    private func codes(_ id: String, _ birth: String?, _ sex: Sex?) throws -> [String] {
        let date = try birth.map { try PartialDate.parse($0) }
        return IdentityStructure.warnings(for: try NationalID.parse(id), birthDate: date, sex: sex).map(\.code)
    }

    @Test("consistent IDs give no warnings", arguments: [
        ("079050001234", "1950-03-07", Sex.male),
        ("001150001234", "1950", Sex.female),
        ("096045123456", "07/03/1945", Sex.male),
        ("027199000001", "1999-12-31", Sex.female),
        ("001210123456", "2010-01-01", Sex.male),   // survivor child, born 2000s
        ("001310123456", "2010", Sex.female),
        ("101050001234", "1950", Sex.male),          // foreign, lowest country code
        ("295150001234", "1950", Sex.female),        // foreign, highest country code
        ("184060001234", "1960", Sex.male),
    ])
    func noWarnings(id: String, birth: String, sex: Sex) throws {
        #expect(try codes(id, birth, sex) == [])
    }

    @Test("unknown prefixes warn", arguments: ["000050001234", "003050001234", "100050001234", "296050001234", "999050001234", "097050001234"])
    func unknownPrefix(id: String) throws {
        #expect(try codes(id, nil, nil) == [IdentityWarning.unknownBirthplacePrefixCode])
    }

    @Test("every one of the 63 legacy prefixes is known")
    func allLegacyPrefixesKnown() throws {
        for code in AdministrativeUnits.legacyCodes {
            #expect(try codes("0\(code)050001234", nil, nil) == [], "prefix 0\(code)")
        }
    }

    @Test("century, sex and year anomalies are warnings", arguments: [
        ("079150001234", "1950", Sex.male, [IdentityWarning.sexDigitMismatchCode]),
        ("079050001234", "1950", Sex.female, [IdentityWarning.sexDigitMismatchCode]),
        ("079250001234", "1950", Sex.male, [IdentityWarning.centuryMismatchCode]),
        ("079051001234", "1950", Sex.male, [IdentityWarning.birthYearMismatchCode]),
        ("079350001234", "1951", Sex.male, [IdentityWarning.sexDigitMismatchCode, IdentityWarning.centuryMismatchCode, IdentityWarning.birthYearMismatchCode]),
        ("079099001234", "1899", Sex.male, [IdentityWarning.centuryMismatchCode]),
        ("079400001234", "2100", Sex.male, []),
        ("079500001234", "2100", Sex.female, []),
    ])
    func anomalies(id: String, birth: String, sex: Sex, expected: [String]) throws {
        #expect(try codes(id, birth, sex) == expected)
    }

    @Test func unknownSexOrDateSkipsThoseChecks() throws {
        #expect(try codes("079350001234", nil, nil) == [])
        #expect(try codes("079350001234", nil, .female) == [])
        #expect(try codes("079350001234", "2050", nil) == [])
    }

    @Test("decodes century and sex from digit 4", arguments: [
        ("0", 1900, Sex.male), ("1", 1900, .female), ("2", 2000, .male), ("3", 2000, .female),
        ("4", 2100, .male), ("5", 2100, .female), ("6", 2200, .male), ("7", 2200, .female),
        ("8", 2300, .male), ("9", 2300, .female),
    ])
    func centuryDigit(d4: String, century: Int, sex: Sex) throws {
        let decoded = IdentityStructure.centuryAndSex(of: try NationalID.parse("079\(d4)50001234"))
        #expect(decoded.century == century)
        #expect(decoded.sex == sex)
    }

    @Test func warningMessagesDoNotLeakTheID() throws {
        let warnings = IdentityStructure.warnings(for: try NationalID.parse("999350001234"),
                                                  birthDate: PartialDate(year: 1951), sex: .male)
        #expect(warnings.count == 4)
        for warning in warnings { #expect(!warning.message.contains("999350001234")) }
    }
}
