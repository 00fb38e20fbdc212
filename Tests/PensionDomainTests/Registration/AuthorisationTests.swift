import Foundation
import Testing
@testable import PensionDomain

@Suite("Authorisation")
struct AuthorisationTests {
    static let holder = try! NationalID.parse("001150001234")
    static let beneficiary = try! NationalID.parse("079050001234")

    private func day(_ iso: String) -> PartialDate { try! PartialDate.parse(iso) }

    private func status(expires: String, starts: String? = nil, oldLaw: Bool = false, on decision: String,
                        policy: AuthorisationPolicy = .standard) throws -> AuthorisationStatus {
        let authorisation = try Authorisation(holderID: Self.holder, expires: day(expires), startsOn: starts.map(day),
                                              madeUnderOldLaw: oldLaw)
        return AuthorisationCheck.evaluate(authorisation, on: day(decision), policy: policy, beneficiaryID: Self.beneficiary)
    }

    @Test("new-law windows without a start", arguments: [
        ("2027-01-31", "2026-11-26", "valid"),
        ("2026-11-26", "2026-11-26", "valid"),          // the expiry day itself is still valid
        ("2026-11-25", "2026-11-26", "expired"),
        ("2027-11-26", "2026-11-26", "valid"),          // exactly decision + 12 months
        ("2027-11-27", "2026-11-26", "tooLong"),
        ("2030-01-01", "2026-11-26", "tooLong"),
        ("2027-02-28", "2026-02-28", "valid"),
        ("2027-03-01", "2026-02-28", "tooLong"),
    ] as [(String, String, String)])
    func withoutStart(expires: String, decision: String, expected: String) throws {
        #expect(label(try status(expires: expires, on: decision)) == expected)
    }

    @Test("new-law windows with a start", arguments: [
        ("2026-01-15", "2027-01-15", "2026-06-01", "valid"),      // start + 12 months
        ("2026-01-15", "2027-01-16", "2026-06-01", "tooLong"),
        ("2026-01-15", "2027-01-15", "2027-01-15", "valid"),
        ("2026-01-15", "2027-01-15", "2027-01-16", "expired"),
        ("2026-01-15", "2026-12-31", "2026-01-14", "notYetStarted"),
        ("2026-03-01", "2026-02-01", "2026-02-15", "endsBeforeStart"),
        ("2028-02-29", "2029-02-28", "2028-03-01", "valid"),      // leap day + 12 months → 28 Feb
        ("2028-02-29", "2029-03-01", "2028-03-01", "tooLong"),
        ("2026-01-31", "2027-01-31", "2026-12-31", "valid"),
    ] as [(String, String, String, String)])
    func withStart(starts: String, expires: String, decision: String, expected: String) throws {
        #expect(label(try status(expires: expires, starts: starts, on: decision)) == expected)
    }

    @Test("old-law authorisations lapse on 2026-06-30 and have no 12-month cap", arguments: [
        ("2027-12-31", "2026-03-01", "valid"),
        ("2027-12-31", "2026-06-30", "valid"),
        ("2027-12-31", "2026-07-01", "lapsedUnderOldLaw"),
        ("2030-01-01", "2027-01-01", "lapsedUnderOldLaw"),
        ("2026-03-31", "2026-04-01", "expired"),
        ("2026-03-31", "2026-03-31", "valid"),
    ] as [(String, String, String)])
    func oldLaw(expires: String, decision: String, expected: String) throws {
        #expect(label(try status(expires: expires, starts: "2025-01-10", oldLaw: true, on: decision)) == expected)
    }

    @Test func oldLawValidUntilTheEarlierOfExpiryAndLapse() throws {
        #expect(try status(expires: "2027-12-31", oldLaw: true, on: "2026-01-01") == .valid(lastDay: day("2026-06-30")))
        #expect(try status(expires: "2026-05-31", oldLaw: true, on: "2026-01-01") == .valid(lastDay: day("2026-05-31")))
        #expect(try status(expires: "2027-01-31", on: "2026-11-26") == .valid(lastDay: day("2027-01-31")))
    }

    @Test func lapseDateIsConfigurable() throws {
        let hanoi = AuthorisationPolicy(legacyLapseDate: day("2025-06-30"))
        #expect(label(try status(expires: "2027-12-31", oldLaw: true, on: "2025-07-01", policy: hanoi)) == "lapsedUnderOldLaw")
        #expect(label(try status(expires: "2027-12-31", oldLaw: true, on: "2025-06-30", policy: hanoi)) == "valid")
        let later = AuthorisationPolicy(legacyLapseDate: day("2026-12-31"))
        #expect(label(try status(expires: "2027-12-31", oldLaw: true, on: "2026-07-01", policy: later)) == "valid")
        let monthOnly = AuthorisationPolicy(legacyLapseDate: day("2026-06"))   // read as the last day of June
        #expect(label(try status(expires: "2027-12-31", oldLaw: true, on: "2026-06-30", policy: monthOnly)) == "valid")
        #expect(label(try status(expires: "2027-12-31", oldLaw: true, on: "2026-07-01", policy: monthOnly)) == "lapsedUnderOldLaw")
    }

    @Test func maximumMonthsIsConfigurable() throws {
        let six = AuthorisationPolicy(maximumMonths: 6)
        #expect(label(try status(expires: "2027-05-26", on: "2026-11-26", policy: six)) == "valid")
        #expect(label(try status(expires: "2027-05-27", on: "2026-11-26", policy: six)) == "tooLong")
    }

    @Test func lawIsDecidedByTheGrantDay() throws {
        #expect(AuthorisationPolicy.standard.isOldLaw(grantedOn: day("2025-06-30")))
        #expect(!AuthorisationPolicy.standard.isOldLaw(grantedOn: day("2025-07-01")))
        let old = try Authorisation(holderID: Self.holder, expires: day("2027-12-31"), grantedOn: day("2025-06-30"))
        let new = try Authorisation(holderID: Self.holder, expires: day("2026-07-31"), grantedOn: day("2025-07-31"))
        #expect(old.madeUnderOldLaw && old.startsOn == day("2025-06-30"))
        #expect(!new.madeUnderOldLaw)
        #expect(label(AuthorisationCheck.evaluate(old, on: day("2026-07-01"))) == "lapsedUnderOldLaw")
        #expect(label(AuthorisationCheck.evaluate(new, on: day("2026-07-01"))) == "valid")
    }

    @Test func holderMayNotBeTheBeneficiary() throws {
        let own = try Authorisation(holderID: Self.beneficiary, expires: day("2027-01-31"))
        #expect(AuthorisationCheck.evaluate(own, on: day("2026-11-26"), beneficiaryID: Self.beneficiary) == .holderIsBeneficiary)
        #expect(label(AuthorisationCheck.evaluate(own, on: day("2026-11-26"))) == "valid")
    }

    @Test func decisionDayIsTakenInVietnamTime() throws {
        let authorisation = try Authorisation(holderID: Self.holder, expires: day("2026-11-20"))
        let lastSecond = try #require(PaymentCalendar.parseInstant("2026-11-20T16:59:59Z"))
        let nextDay = try #require(PaymentCalendar.parseInstant("2026-11-20T17:30:00Z"))
        #expect(AuthorisationCheck.evaluate(authorisation, at: lastSecond).isValid)
        #expect(AuthorisationCheck.evaluate(authorisation, at: nextDay) == .expired)
        #expect(AuthorisationCheck.evaluate(authorisation, at: nextDay, utcOffsetSeconds: 0).isValid)
    }

    @Test func datesMustBeComplete() {
        #expect(throws: FieldError.self) { try Authorisation(holderID: Self.holder, expires: day("2027-01")) }
        #expect(throws: FieldError.self) { try Authorisation(holderID: Self.holder, expires: day("2027-01-31"), startsOn: day("2026")) }
    }

    @Test func reasons() {
        #expect(AuthorisationStatus.valid(lastDay: day("2027-01-01")).rejectionReason == nil)
        #expect(AuthorisationStatus.expired.rejectionReason == .authorisationExpired)
        #expect(AuthorisationStatus.lapsedUnderOldLaw.rejectionReason == "authorisation_expired")
        for status in [AuthorisationStatus.tooLong, .notYetStarted, .endsBeforeStart, .holderIsBeneficiary] {
            #expect(status.rejectionReason == "authorisation_invalid")
            #expect(!status.isValid)
        }
    }

    @Test func descriptionIsMasked() throws {
        let authorisation = try Authorisation(holderID: Self.holder, expires: day("2027-01-31"), startsOn: day("2026-02-01"))
        #expect(!"\(authorisation)".contains(Self.holder.digits))
        #expect("\(authorisation)".contains("001*******34"))
    }

    private func label(_ status: AuthorisationStatus) -> String {
        switch status {
        case .valid: "valid"
        case .expired: "expired"
        case .lapsedUnderOldLaw: "lapsedUnderOldLaw"
        case .tooLong: "tooLong"
        case .notYetStarted: "notYetStarted"
        case .endsBeforeStart: "endsBeforeStart"
        case .holderIsBeneficiary: "holderIsBeneficiary"
        }
    }
}
