import Testing
@testable import PensionDomain

@Suite("BankDirectory")
struct BankDirectoryTests {
    @Test func fortyFiveUniqueSixDigitBINs() {
        #expect(BankDirectory.banks.count == 45)
        #expect(Set(BankDirectory.banks.map(\.bin)).count == 45)
        for bank in BankDirectory.banks {
            #expect(bank.bin.count == 6 && bank.bin.allSatisfy(\.isASCII) && bank.bin.allSatisfy(\.isNumber), "\(bank.bin)")
            #expect(!bank.shortName.isEmpty && !bank.name.isEmpty)
        }
        #expect(BankDirectory.asOf.hasPrefix("2025-"))
        #expect(BankDirectory.source.contains("UNCONFIRMED"))
    }

    @Test("known BINs", arguments: [
        ("970436", "Vietcombank"), ("970415", "VietinBank"), ("970418", "BIDV"), ("970405", "Agribank"),
        ("970422", "MB"), ("970416", "ACB"), ("970425", "ABBANK"), ("546034", "CAKE"), ("422589", "CIMB"),
        ("970449", "LPBank"), ("970406", "Vikki Bank"), ("970414", "MBV"), ("970444", "VCBNeo"), ("970439", "Public Bank"),
    ])
    func known(bin: String, shortName: String) {
        #expect(BankDirectory.bank(bin: bin)?.shortName == shortName)
    }

    @Test("unknown BINs", arguments: ["970499", "970400 1", "", "97043", "970460"])
    func unknown(bin: String) {
        #expect(BankDirectory.bank(bin: bin) == nil)
    }
}
