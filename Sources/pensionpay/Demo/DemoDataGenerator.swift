import Foundation
import PensionDomain
import PensionSynthetic

/// Makes a deterministic synthetic roster and registry extract with realistic Vietnamese names
/// and the failure cases of FACTS.md: old CMND numbers, legacy province codes, year-only birth
/// dates, name noise that must still match (NFD, Ð, old tone placement, NBSP), real
/// mismatches, deaths, people missing from the registry, card numbers and e-wallets as accounts.
struct DemoDataGenerator {
    struct Output {
        var rosterRows = 0
        var registryRows = 0
        var expectedRejects = 0
    }

    private var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
    private static let middlesMale = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Xuân", "Đình"]
    private static let middlesFemale = ["Thị", "Ngọc", "Thanh", "Thu", "Kim", "Minh", "Bích"]
    private static let givensMale = ["Hùng", "Dũng", "Tuấn", "Hải", "Long", "Phúc", "Lộc", "Khánh", "Thành", "Hòa", "Quý", "Đạt", "Nghĩa", "Sơn"]
    private static let givensFemale = ["Lan", "Mai", "Hương", "Thủy", "Thúy", "Yến", "Đào", "Anh", "Hoa", "Hòa", "Nga", "Loan", "Tuyết", "Huệ"]
    /// Paying provinces with rough weights (Hà Nội and HCMC dominate) and cashless shares.
    private static let provinces: [(code: String, weight: Int, cashless: Double)] = [
        ("01", 18, 0.99), ("79", 10, 0.85), ("24", 3, 0.95), ("31", 4, 0.9), ("48", 3, 0.9), ("92", 3, 0.8),
        ("38", 4, 0.75), ("40", 4, 0.75), ("20", 2, 0.58), ("04", 1, 0.55), ("11", 1, 0.55), ("66", 2, 0.7),
        ("68", 2, 0.7), ("91", 2, 0.72), ("96", 1, 0.7), ("25", 3, 0.85), ("37", 3, 0.85), ("80", 2, 0.85),
    ]
    /// Legacy codes (pre-2025) that must be mapped: Bình Dương, Nam Định, Quảng Nam, Hà Giang.
    private static let legacyCodes = ["74", "36", "49", "02"]
    private static let birthPrefixes = ["001", "079", "027", "031", "036", "038", "040", "046", "048", "052", "056", "066", "074", "089", "092", "096", "030", "034", "035"]
    private static let banks = ["970436", "970415", "970418", "970405", "970407", "970422", "970416", "970432", "970403"]

    /// Writes `roster.csv` and `registry.csv` for `people` beneficiaries into `directory`.
    mutating func write(people: Int, to directory: URL) throws -> Output {
        var roster = SyntheticCSV.rosterHeader
        var registry = SyntheticCSV.registryHeader
        var output = Output()
        var usedIDs = Set<String>()
        for _ in 0..<people {
            let male = rng.chance(0.55)
            let year = rng.chance(0.04) ? 2008 + rng.int(10) : 1930 + rng.int(36)   // survivors can be minors
            let month = 1 + rng.int(12), day = 1 + rng.int(28)
            var id: String
            repeat {
                let prefix = rng.chance(0.01) ? String(101 + rng.int(195)) : rng.pick(Self.birthPrefixes)
                let century = (year >= 2000 ? 2 : 0) + (male ? 0 : 1)
                id = prefix + String(century) + pad(year % 100, 2) + pad(rng.int(1_000_000), 6)
            } while !usedIDs.insert(id).inserted
            let name = "\(rng.pick(Self.families)) \(rng.pick(male ? Self.middlesMale : Self.middlesFemale)) \(rng.pick(male ? Self.givensMale : Self.givensFemale))"
            let province = rng.weighted(Self.provinces)
            let commune = pad((Int(province.code)! * 997 + rng.int(300)) % 100_000, 5)
            let cashless = rng.chance(province.cashless)
            let bin = rng.pick(Self.banks)
            var account = cashless ? "0" + pad(rng.int(1_000_000_000_000), 12) : ""
            if cashless && rng.chance(0.01) { account = "970436" + pad(rng.int(10_000_000_000), 10) }   // a card number
            if cashless && rng.chance(0.005) { account = "99MM24011M34" + pad(rng.int(1_000_000), 6) }     // an e-wallet
            let phone = rng.chance(0.7) ? "09" + pad(rng.int(100_000_000), 8) : ""
            let legacyBHXH = rng.chance(0.3) ? province.code + pad(rng.int(100_000_000), 8) : ""

            // Roster-side formats and noise.
            var rosterID = id
            var rosterDOB = String(format: "%04d-%02d-%02d", year, month, day)
            switch rng.int(20) {
            case 0: rosterDOB = String(year)                                     // year only
            case 1: rosterDOB = String(format: "%02d/%04d", month, year)         // month/year
            case 2: rosterDOB = String(format: "%02d/%02d/%04d", day, month, year)
            default: break
            }
            var rosterProvince = province.code
            if rng.chance(0.03) { rosterProvince = rng.pick(Self.legacyCodes) }
            var rejected = false
            if rng.chance(0.005) { rosterID = String(id.suffix(9)); rejected = true }               // old CMND
            else if rng.chance(0.003) { rosterDOB = "31/02/\(year)"; rejected = true }               // impossible date
            if rejected { output.expectedRejects += 1 }
            roster += [rosterID, SyntheticCSV.field(name), rosterDOB, male ? "M" : (rng.chance(0.5) ? "F" : "nữ"), rosterProvince, commune, phone,
                       cashless ? "bank" : "cash", cashless ? bin : "", account, legacyBHXH].joined(separator: ",") + "\n"
            output.rosterRows += 1

            // Registry side: mostly the same person, with noise that must still match.
            let roll = rng.int(1000)
            if roll < 15 { continue }                                              // not in the registry
            var registryName = name
            switch rng.int(12) {
            case 0: registryName = name.decomposedStringWithCanonicalMapping    // NFD
            case 1: registryName = registryName.replacingOccurrences(of: "Đ", with: "\u{00D0}")
            case 2: registryName = registryName.replacingOccurrences(of: "Hòa", with: "Hoà").replacingOccurrences(of: "Thủy", with: "Thuỷ")
            case 3: registryName = registryName.replacingOccurrences(of: " ", with: "\u{00A0}")
            default: break
            }
            var registryDOB = String(format: "%04d-%02d-%02d", year, month, day)
            var status = "alive", death = ""
            if roll < 45 { registryDOB = String(format: "%04d-%02d-%02d", year + 1, month, day) }            // DOB mismatch
            else if roll < 60 { registryName = name.replacingOccurrences(of: " ", with: " Văn ", options: [], range: name.range(of: " ")) } // name mismatch
            else if roll < 90 { status = "deceased"; death = String(format: "2026-%02d-%02d", 1 + rng.int(10), 1 + rng.int(28)) }
            registry += [id, SyntheticCSV.field(registryName), registryDOB, male ? "M" : "F", status, death, province.code, commune].joined(separator: ",") + "\n"
            output.registryRows += 1
        }
        try roster.write(to: directory.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        try registry.write(to: directory.appendingPathComponent("registry.csv"), atomically: true, encoding: .utf8)
        return output
    }

    /// Zero-padded decimal (String(format:) with %d is 32-bit on Linux).
    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension SplitMix64 {
    /// One of the demo's provinces, by weight.
    fileprivate mutating func weighted(_ items: [(code: String, weight: Int, cashless: Double)]) -> (code: String, weight: Int, cashless: Double) {
        var roll = int(items.reduce(0) { $0 + $1.weight })
        for item in items {
            if roll < item.weight { return item }
            roll -= item.weight
        }
        return items[items.count - 1]
    }
}
