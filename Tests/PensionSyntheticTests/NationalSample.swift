import PensionDomain
import PensionSynthetic

/// One pass over a 200,000-person national roster, reduced to the figures the tests check, so the
/// suites share a single generation (slow in debug builds) instead of each making its own.
struct NationalSample {
    static let people = 200_000
    static let options = NationalRosterOptions(people: people, seed: 7)
    /// Computed once, on first use.
    static let shared = NationalSample()

    var ids = Set<String>()
    var badIDs: [String] = []
    var byProvince: [String: (people: Int, bank: Int)] = [:]
    var bank = 0
    var phones = 0
    var ageBuckets: [String: Int] = [:]
    var cashByAge: [String: (people: Int, cash: Int)] = [:]
    var sameBirthPlaceAsProvince = 0
    var foreignPrefixes = 0
    var minorsWithCentury2000 = 0
    var minors = 0

    init() {
        for person in NationalRoster(options: Self.options) { add(person) }
    }

    /// The age band label used by the tests.
    static func ageLabel(_ age: Int) -> String {
        switch age {
        case ..<18: return "minor"
        case ..<60: return "18-59"
        case ..<85: return "60-84"
        case ..<100: return "85-99"
        default: return "100+"
        }
    }

    private mutating func add(_ person: SyntheticPerson) {
        let id = person.nationalID
        if !ids.insert(id).inserted || !Self.structureIsConsistent(person) { badIDs.append(id) }
        byProvince[person.provinceCode, default: (0, 0)].people += 1
        if person.paymentMethod == .bank {
            byProvince[person.provinceCode, default: (0, 0)].bank += 1
            bank += 1
        }
        if person.phone != nil { phones += 1 }
        let age = Self.options.firstPeriod.year - person.birthDate.year
        let label = Self.ageLabel(age)
        ageBuckets[label, default: 0] += 1
        cashByAge[label, default: (0, 0)].people += 1
        if person.paymentMethod == .cash { cashByAge[label, default: (0, 0)].cash += 1 }
        let prefix = String(id.prefix(3))
        if let place = AdministrativeUnits.province(forCode: prefix), place.code == person.provinceCode { sameBirthPlaceAsProvince += 1 }
        if IdentityStructure.foreignPrefixRange.contains(Int(prefix)!) { foreignPrefixes += 1 }
        if age < 18 {
            minors += 1
            if id.dropFirst(3).first == (person.sex == .male ? "2" : "3") { minorsWithCentury2000 += 1 }
        }
    }

    /// 12 ASCII digits; a known prefix; the 4th digit agrees with sex and century; YY with the birth year.
    static func structureIsConsistent(_ person: SyntheticPerson) -> Bool {
        let digits = Array(person.nationalID.utf8)
        guard digits.count == 12, digits.allSatisfy({ (48...57).contains($0) }) else { return false }
        guard BirthPlaceCodes.table.items.contains(String(person.nationalID.prefix(3))) else { return false }
        let centuryDigit = Int(digits[3] - 48)
        let expected = 2 * ((person.birthDate.year - 1900) / 100) + (person.sex == .male ? 0 : 1)
        let yy = Int(digits[4] - 48) * 10 + Int(digits[5] - 48)
        return centuryDigit == expected && yy == person.birthDate.year % 100
    }
}
