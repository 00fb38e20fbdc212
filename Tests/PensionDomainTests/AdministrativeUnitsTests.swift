import Testing
@testable import PensionDomain

@Suite("AdministrativeUnits")
struct AdministrativeUnitsTests {
    static let currentCodes = ["01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40",
                               "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"]

    @Test func thirtyFourCurrentProvincesWithExactCodes() {
        #expect(AdministrativeUnits.provinces.count == 34)
        #expect(AdministrativeUnits.provinces.map(\.code) == Self.currentCodes)
        #expect(Set(AdministrativeUnits.provinces.map(\.name)).count == 34)
    }

    @Test func sixtyThreeLegacyCodes() {
        #expect(AdministrativeUnits.legacyCodes.count == 63)
        #expect(Set(AdministrativeUnits.legacyCodes).count == 63)
        // Every current code is the legacy code of the seat.
        #expect(Set(Self.currentCodes).isSubset(of: Set(AdministrativeUnits.legacyCodes)))
    }

    @Test("every legacy code maps to one of the 34", arguments: AdministrativeUnits.legacyCodes)
    func legacyMapsToCurrent(code: String) throws {
        let province = try #require(AdministrativeUnits.province(forCode: code))
        #expect(Self.currentCodes.contains(province.code))
        #expect(AdministrativeUnits.province(forCode: "0" + code) == province)
        #expect(AdministrativeUnits.isLegacyOnly(code) == !Self.currentCodes.contains(code))
    }

    @Test("mergers from FACTS §4", arguments: [
        ("74", "79"), ("77", "79"), ("79", "79"), ("27", "24"), ("24", "24"), ("02", "08"), ("10", "15"), ("15", "15"),
        ("06", "19"), ("17", "25"), ("26", "25"), ("30", "31"), ("34", "33"), ("35", "37"), ("36", "37"), ("45", "44"),
        ("49", "48"), ("62", "51"), ("64", "52"), ("58", "56"), ("54", "66"), ("67", "68"), ("60", "68"), ("70", "75"),
        ("72", "80"), ("80", "80"), ("87", "82"), ("83", "86"), ("84", "86"), ("89", "91"), ("93", "92"), ("94", "92"),
        ("95", "96"), ("074", "79"), ("027", "24"), (" 79 ", "79"),
    ])
    func mergers(code: String, current: String) {
        #expect(AdministrativeUnits.province(forCode: code)?.code == current)
    }

    @Test("unknown codes", arguments: ["", "00", "03", "99", "7", "179", "0790", "ab", "97", "100"])
    func unknown(code: String) {
        #expect(AdministrativeUnits.province(forCode: code) == nil)
        #expect(!AdministrativeUnits.isLegacyOnly(code))
    }

    @Test func namesHaveDiacritics() {
        #expect(AdministrativeUnits.province(forCode: "24")?.name == "Bắc Ninh")
        #expect(AdministrativeUnits.province(forCode: "79")?.name == "TP Hồ Chí Minh")
        #expect(AdministrativeUnits.province(forCode: "52")?.name == "Gia Lai")
    }

    @Test("legacy birth-place names", arguments: [
        ("001", "Hà Nội"), ("002", "Hà Giang"), ("027", "Bắc Ninh"), ("074", "Bình Dương"), ("079", "TP Hồ Chí Minh"),
        ("096", "Cà Mau"), ("046", "Thừa Thiên Huế"),
    ])
    func birthPlace(prefix: String, name: String) {
        #expect(AdministrativeUnits.legacyBirthPlaceName(prefix: prefix) == name)
    }

    @Test("no birth-place name", arguments: ["003", "101", "79", "0079", "", "097"])
    func noBirthPlace(prefix: String) {
        #expect(AdministrativeUnits.legacyBirthPlaceName(prefix: prefix) == nil)
    }

    @Test func communeCode() throws {
        #expect(try CommuneCode.parse(" 00004 ").code == "00004")
        for bad in ["", "0004", "000040", "0000A", "1 234"] {
            #expect(throws: FieldError.self) { try CommuneCode.parse(bad) }
        }
    }
}
