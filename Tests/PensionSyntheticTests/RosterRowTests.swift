import PensionDomain
import PensionSynthetic
import Testing

@Suite("Synthetic roster rows against the importer's parser")
struct RosterRowTests {
    static let options = NationalRosterOptions(people: 40_000, seed: 11)

    /// Parses one generated line the way `pensionpay import` does.
    static func parse(_ line: String, header: RosterHeader) -> Result<RosterEntry, RosterRowError> {
        var parser = CSVRecordParser()
        var records = parser.feed(Array(line.utf8))
        records += (try? parser.finish()) ?? []
        guard records.count == 1 else {
            return .failure(RosterRowError(line: 0, field: "csv", message: "\(records.count) records"))
        }
        return RosterRowParser.parse(records[0], header: header)
    }

    static func header() throws -> RosterHeader {
        try RosterHeader(fields: SyntheticCSV.rosterHeader.dropLast().split(separator: ",").map(String.init))
    }

    @Test("every clean row is accepted with its true values; every injected mistake is refused on its field")
    func cleanAcceptedFaultsRefused() throws {
        let header = try Self.header()
        var faults: [RosterFault: Int] = [:]
        var tally = NationalRosterTally()
        var refused = 0
        for person in NationalRoster(options: Self.options) {
            tally.add(person, month: 1)
            switch (Self.parse(SyntheticCSV.rosterLine(person), header: header), person.rosterFault) {
            case (.success(let entry), nil):
                #expect(entry.nationalID.digits == person.nationalID)
                #expect(entry.provinceCode == person.provinceCode)
                #expect(entry.communeCode?.code == person.communeCode)
                #expect(entry.paymentMethod == person.paymentMethod)
                #expect(entry.sex == person.sex)
                #expect(entry.phone == person.phone)
                #expect(entry.bankBIN == person.bankBIN && entry.bankAccount == person.bankAccount)
                #expect(entry.dateOfBirth.agrees(with: person.birthDate))
                #expect(IdentityStructure.warnings(for: entry.nationalID, birthDate: person.birthDate, sex: person.sex).isEmpty)
                let accountWarned = entry.warnings.contains { $0.code.hasPrefix("bank_account_looks_like") }
                #expect(accountWarned == (person.accountWarning != nil))
            case (.failure(let error), let fault?):
                refused += 1
                faults[fault, default: 0] += 1
                #expect(error.field == Self.field(of: fault), "\(fault): refused on \(error.field)")
            case (.success, let fault?):
                Issue.record("row \(person.index) with \(fault) was accepted")
            case (.failure(let error), nil):
                Issue.record("clean row \(person.index) refused: \(error.field): \(error.message)")
            }
        }
        #expect(refused == tally.expectedRejects)
        // Every kind of mistake occurs at these rates (≥ 0.1 % of 40,000 ≈ 30 rows).
        #expect(Set(faults.keys) == Set(RosterFault.allCases))
    }

    static func field(of fault: RosterFault) -> String {
        switch fault {
        case .oldCMND: return RosterColumn.nationalID.rawValue
        case .impossibleBirthDate: return RosterColumn.dateOfBirth.rawValue
        case .shortAccount: return RosterColumn.bankAccount.rawValue
        case .unknownBIN: return RosterColumn.bankBIN.rawValue
        }
    }

    @Test("registry names with noise still match; real name differences do not")
    func registryNames() {
        var noise: Set<RegistryNameNoise> = []
        var mismatches = 0
        for person in NationalRoster(options: Self.options) {
            guard let registry = person.registry else { continue }
            if let kind = registry.nameNoise {
                noise.insert(kind)
                #expect(registry.fullName != person.fullName || kind == .nfd)
                #expect(PersonName.matches(registry.fullName, person.fullName), "\(kind) should still match")
            }
            if registry.mismatch == .name {
                mismatches += 1
                #expect(!PersonName.matches(registry.fullName, person.fullName))
            }
            if registry.mismatch == .dateOfBirth { #expect(!registry.dateOfBirth.agrees(with: person.birthDate)) }
            if registry.mismatch == nil { #expect(registry.dateOfBirth == person.birthDate) }
        }
        #expect(noise == Set(RegistryNameNoise.allCases))
        #expect(mismatches > 0)
    }

    @Test("registry lines: deceased rows carry a date of death, alive rows none; missing people have no line")
    func registryLines() {
        for person in NationalRoster(options: NationalRosterOptions(people: 5_000, seed: 3)) {
            guard let line = SyntheticCSV.registryLine(person, month: 1) else {
                #expect(person.registry == nil)
                continue
            }
            let fields = line.dropLast().split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 8)
            #expect(fields[4] == (person.isDeceased(inMonth: 1) ? "deceased" : "alive"))
            #expect(fields[5].isEmpty == !person.isDeceased(inMonth: 1))
            #expect(fields[7].utf8.count == 5)
        }
    }
}
