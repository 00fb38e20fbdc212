import Foundation
import Testing
@testable import PensionDomain

@Suite("PaymentCalendar")
struct PaymentCalendarTests {
    private func instant(_ raw: String) throws -> Date { try #require(PaymentCalendar.parseInstant(raw)) }
    private func day(_ iso: String) -> PartialDate { try! PartialDate.parse(iso) }

    @Test("local day in Vietnam (UTC+7)", arguments: [
        ("2026-11-20T17:30:00Z", "2026-11-21"),
        ("2026-11-20T16:59:59Z", "2026-11-20"),
        ("2026-11-20T17:00:00Z", "2026-11-21"),
        ("2026-12-31T17:00:00Z", "2027-01-01"),
        ("2026-12-31T16:59:59Z", "2026-12-31"),
        ("2028-02-28T17:00:00Z", "2028-02-29"),
        ("2026-02-28T17:00:00Z", "2026-03-01"),
        ("2026-11-21T00:30:00+07:00", "2026-11-21"),
        ("2026-11-20T23:59:59.999+07:00", "2026-11-20"),
    ] as [(String, String)])
    func localDay(raw: String, expected: String) throws {
        #expect(PaymentCalendar.localDay(of: try instant(raw)).iso == expected)
    }

    @Test func localDayBefore1970AndOtherOffsets() {
        #expect(PaymentCalendar.localDay(of: Date(timeIntervalSince1970: -25_201)).iso == "1969-12-31")
        #expect(PaymentCalendar.localDay(of: Date(timeIntervalSince1970: -25_200)).iso == "1970-01-01")
        #expect(PaymentCalendar.localDay(of: Date(timeIntervalSince1970: -1), utcOffsetSeconds: 0).iso == "1969-12-31")
        #expect(PaymentCalendar.localDay(of: Date(timeIntervalSince1970: 0), utcOffsetSeconds: 0).iso == "1970-01-01")
        #expect(PaymentCalendar.localDay(of: .distantFuture).year == PartialDate.yearRange.upperBound)
        #expect(PaymentCalendar.localDay(of: .distantPast).year == PartialDate.yearRange.lowerBound)
    }

    @Test("first period by request day and cut-off", arguments: [
        ("2026-11-20", 20, "2026-12"), ("2026-11-21", 20, "2027-01"), ("2026-11-01", 20, "2026-12"),
        ("2026-11-30", 20, "2027-01"), ("2026-12-20", 20, "2027-01"), ("2026-12-21", 20, "2027-02"),
        ("2026-12-31", 20, "2027-02"), ("2027-01-31", 20, "2027-03"), ("2026-10-31", 20, "2026-12"),
        ("2026-11-21", 25, "2026-12"), ("2026-11-26", 25, "2027-01"), ("2026-11-01", 1, "2026-12"),
        ("2026-11-02", 1, "2027-01"), ("2026-11-30", 31, "2026-12"), ("2026-02-28", 28, "2026-03"),
    ] as [(String, Int, String)])
    func firstPeriod(requestDay: String, cutOff: Int, expected: String) {
        #expect(PaymentCalendar.firstPeriod(forRequestOn: day(requestDay), cutOffDay: cutOff).description == expected)
    }

    @Test("cut-off around month and year ends, from UTC instants", arguments: [
        ("2026-11-20T16:59:59Z", "2026-12"),   // 20 Nov 23:59:59 in Vietnam
        ("2026-11-20T17:30:00Z", "2027-01"),   // already 21 Nov in Vietnam
        ("2026-12-20T16:00:00Z", "2027-01"),
        ("2026-12-20T17:00:00Z", "2027-02"),   // 21 Dec in Vietnam → February of the next year
        ("2026-12-31T17:00:00Z", "2027-02"),   // 1 Jan 2027 in Vietnam
        ("2026-12-31T16:59:59Z", "2027-02"),   // 31 Dec in Vietnam
        ("2027-01-20T16:59:59Z", "2027-02"),
    ] as [(String, String)])
    func cutOffInstants(requested: String, expected: String) throws {
        let at = try instant(requested)
        #expect(PaymentCalendar.effectivePeriod(requestedAt: at, decidedAt: at).description == expected)
    }

    @Test func lateDecisionMovesThePeriod() throws {
        let requested = try instant("2026-11-19T10:00:00+07:00")
        #expect(PaymentCalendar.effectivePeriod(requestedAt: requested, decidedAt: try instant("2026-11-20T23:00:00+07:00"))
            .description == "2026-12")
        #expect(PaymentCalendar.effectivePeriod(requestedAt: requested, decidedAt: try instant("2026-11-21T08:00:00+07:00"))
            .description == "2027-01")
        #expect(PaymentCalendar.effectivePeriod(requestedAt: requested, decidedAt: try instant("2026-12-05T08:00:00+07:00"))
            .description == "2027-01")
        // A decision before the request time (clock skew) never moves the period earlier.
        #expect(PaymentCalendar.effectivePeriod(requestedAt: try instant("2026-11-25T08:00:00+07:00"), decidedAt: requested)
            .description == "2027-01")
    }

    @Test("request time forms", arguments: [
        "2026-11-20T10:15:00+07:00", "2026-11-20T03:15:00Z", "2026-11-20 10:15", "2026-11-20T10:15", "2026-11-20 10:15:00",
        "20/11/2026 10:15", " 20/11/2026 10:15:00 ", "2026-11-20T03:15:00.000Z",
    ])
    func requestTimeForms(raw: String) throws {
        #expect(try instant(raw) == instant("2026-11-20T03:15:00Z"))
    }

    @Test func bareDateIsLocalMidnight() throws {
        #expect(try instant("2026-11-20") == instant("2026-11-19T17:00:00Z"))
        #expect(try instant("20/11/2026") == instant("2026-11-19T17:00:00Z"))
        #expect(try instant("2026-11-20 10:15") == instant("2026-11-20 10:15"))
        #expect(PaymentCalendar.parseInstant("2026-11-20 10:15", utcOffsetSeconds: 0) == (try instant("2026-11-20T10:15:00Z")))
    }

    @Test("rejected request times", arguments: [
        "", "yesterday", "2026-11-20 25:00", "2026-11-20 10", "2026-11-20 10:60", "2026-02-30", "2026-11",
        "1999-12-31T10:00:00Z", "1999-12-31", "2200-01-01", "20/11/26", "2026-11-20 10:15 extra", "2026-11-20 1:15",
    ])
    func rejectedTimes(raw: String) {
        #expect(PaymentCalendar.parseInstant(raw) == nil)
    }

    @Test func civilDayRoundTrips() {
        #expect(CivilDay(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CivilDay(year: 2000, month: 3, day: 1).dayNumber == 11_017)
        #expect(CivilDay(year: 1969, month: 12, day: 31).dayNumber == -1)
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDay(dayNumber: number).dayNumber == number)
        }
        var previous = CivilDay(dayNumber: 20_000)
        for number in 20_001...20_800 {
            let current = CivilDay(dayNumber: number)
            #expect(previous < current)
            previous = current
        }
    }

    @Test("adding months clamps to the month end", arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2028-01-31", 1, "2028-02-29"), ("2026-12-15", 12, "2027-12-15"),
        ("2026-11-30", 3, "2027-02-28"), ("2026-03-31", -1, "2026-02-28"), ("2026-01-15", -13, "2024-12-15"),
        ("2026-05-31", 0, "2026-05-31"),
    ] as [(String, Int, String)])
    func addingMonths(start: String, months: Int, expected: String) {
        #expect(CivilDay(day(start)).addingMonths(months).description == expected)
    }
}
