import Testing
@testable import PensionDomain

@Suite("IdentityMatcher")
struct IdentityMatcherTests {
    static let id = "079050001234"

    private func claim(_ name: String = "Nguyễn Văn Hòa", dob: String? = "1950-03-07", sex: Sex? = .male) throws -> IdentityClaim {
        IdentityClaim(nationalID: try NationalID.parse(Self.id), fullName: name,
                      dateOfBirth: try dob.map { try PartialDate.parse($0) }, sex: sex)
    }

    private func record(_ name: String = "Nguyễn Văn Hoà", dob: String? = "1950-03-07", sex: Sex? = .male,
                        status: RegistryStatus = .alive, death: String? = nil) throws -> RegistryRecord {
        RegistryRecord(nationalID: try NationalID.parse(Self.id), fullName: name,
                       dateOfBirth: try dob.map { try PartialDate.parse($0) }, sex: sex, status: status,
                       dateOfDeath: try death.map { try PartialDate.parse($0) }, provinceCode: "79", communeCode: "26734")
    }

    @Test func verifiedDespiteEncodingNoise() throws {
        let result = IdentityMatcher.verify(claim: try claim("NGUYE\u{0302}\u{0303}N  VĂN HÒA"), record: try record())
        #expect(result.outcome == .verified)
        #expect(!result.outcome.holdsPayment)
        #expect(result.outcome.kind == .verified)
        #expect(result.warnings.isEmpty)
    }

    @Test func notFound() throws {
        let result = IdentityMatcher.verify(claim: try claim(), record: nil)
        #expect(result.outcome == .notFound)
        #expect(result.outcome.kind.rawValue == "not_found")
        #expect(result.outcome.holdsPayment)
    }

    @Test func deceasedWinsOverEverything() throws {
        let result = IdentityMatcher.verify(
            claim: try claim("Trần Thị B", dob: "1960", sex: .female),
            record: try record(status: .deceased, death: "2026-10")
        )
        #expect(result.outcome == .deceased(dateOfDeath: try PartialDate.parse("2026-10")))
        #expect(result.outcome.holdsPayment)
        #expect(IdentityMatcher.verify(claim: try claim(""), record: try record(status: .deceased)).outcome == .deceased(dateOfDeath: nil))
    }

    @Test("mismatch fields in fixed order", arguments: [
        ("Nguyễn Văn Hóa", "1950-03-07", Sex.male, [IdentityField.name]),
        ("Nguyễn Văn Hòa", "1950-03-08", Sex.male, [.dateOfBirth]),
        ("Nguyễn Văn Hòa", "1950-03-07", Sex.female, [.sex]),
        ("Nguyễn Văn Hóa", "1951", Sex.female, [.name, .dateOfBirth, .sex]),
        ("Lê Văn Hòa", "1950-03-07", Sex.female, [.name, .sex]),
    ])
    func mismatch(name: String, dob: String, sex: Sex, fields: [IdentityField]) throws {
        let result = IdentityMatcher.verify(claim: try claim(name, dob: dob, sex: sex), record: try record())
        #expect(result.outcome == .mismatch(fields: fields))
        #expect(result.outcome.kind == .mismatch)
    }

    @Test func unknownPartsAreNotCompared() throws {
        #expect(IdentityMatcher.verify(claim: try claim(dob: nil, sex: nil), record: try record()).outcome == .verified)
        #expect(IdentityMatcher.verify(claim: try claim(dob: "1950"), record: try record()).outcome == .verified)
        #expect(IdentityMatcher.verify(claim: try claim(), record: try record(dob: "03/1950", sex: nil)).outcome == .verified)
        #expect(IdentityMatcher.verify(claim: try claim(), record: try record(dob: nil)).outcome == .verified)
    }

    @Test func emptyClaimNameIsInvalid() throws {
        let result = IdentityMatcher.verify(claim: try claim(" \u{00A0}\u{200B}"), record: try record())
        guard case .invalid(let reason) = result.outcome else {
            Issue.record("expected invalid, got \(result.outcome)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(result.outcome.kind == .invalid)
    }

    @Test func unaccentedClaimIsAMismatchWithAHint() throws {
        let result = IdentityMatcher.verify(claim: try claim("NGUYEN VAN HOA"), record: try record())
        #expect(result.outcome == .mismatch(fields: [.name]))
        #expect(result.warnings.map(\.code) == [IdentityWarning.nameDiffersOnlyInAccentsCode])
    }

    @Test func structureWarningsUseRegistryValues() throws {
        // Registry says female: digit 4 = 0 (male) is then a warning, even though the claim said male.
        let result = IdentityMatcher.verify(claim: try claim(), record: try record(sex: .female))
        #expect(result.outcome == .mismatch(fields: [.sex]))
        #expect(result.warnings.map(\.code) == [IdentityWarning.sexDigitMismatchCode])
    }

    @Test func outcomeKindsAreTheFixedLabelSet() {
        #expect(OutcomeKind.allCases.map(\.rawValue) == ["verified", "mismatch", "not_found", "deceased", "invalid"])
        #expect(IdentityField.allCases.map(\.rawValue) == ["name", "date_of_birth", "sex"])
        #expect(RegistryStatus.deceased.rawValue == "deceased")
        let outcomes: [VerificationOutcome] = [.verified, .mismatch(fields: [.name]), .notFound, .deceased(dateOfDeath: nil), .invalid(reason: "r")]
        #expect(outcomes.map(\.holdsPayment) == [false, true, true, true, true])
        #expect(outcomes.map(\.kind) == OutcomeKind.allCases)
    }
}
