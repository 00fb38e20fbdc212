import Foundation
import Testing
@testable import PensionDomain

@Suite("QuietHours")
struct QuietHoursTests {
    let quiet = QuietHours.vietnamDefault

    @Test("21:00–07:00 Vietnam time", arguments: [
        // (instant, quiet?, next allowed)
        ("2026-11-20T12:00:00+07:00", false, "2026-11-20T12:00:00+07:00"),
        ("2026-11-20T20:59:59+07:00", false, "2026-11-20T20:59:59+07:00"),
        ("2026-11-20T21:00:00+07:00", true, "2026-11-21T07:00:00+07:00"),
        ("2026-11-20T21:00:01+07:00", true, "2026-11-21T07:00:00+07:00"),
        ("2026-11-20T23:59:59+07:00", true, "2026-11-21T07:00:00+07:00"),
        ("2026-11-21T00:00:00+07:00", true, "2026-11-21T07:00:00+07:00"),
        ("2026-11-21T03:15:00+07:00", true, "2026-11-21T07:00:00+07:00"),
        ("2026-11-21T06:59:59+07:00", true, "2026-11-21T07:00:00+07:00"),
        ("2026-11-21T07:00:00+07:00", false, "2026-11-21T07:00:00+07:00"),
        ("2026-11-21T07:00:01+07:00", false, "2026-11-21T07:00:01+07:00"),
        // The same boundaries written in UTC: 21:00 VN is 14:00Z, 07:00 VN is 00:00Z.
        ("2026-11-20T13:59:59Z", false, "2026-11-20T13:59:59Z"),
        ("2026-11-20T14:00:00Z", true, "2026-11-21T00:00:00Z"),
        ("2026-11-20T16:59:59Z", true, "2026-11-21T00:00:00Z"),   // 23:59:59 VN, still 20 Nov in both zones
        ("2026-11-20T17:00:00Z", true, "2026-11-21T00:00:00Z"),   // local midnight, UTC date not yet changed
        ("2026-11-20T23:59:59Z", true, "2026-11-21T00:00:00Z"),   // 06:59:59 VN on 21 Nov, UTC still 20 Nov
        ("2026-11-21T00:00:00Z", false, "2026-11-21T00:00:00Z"),
        // Month, year and leap-day roll-over.
        ("2026-12-31T21:30:00+07:00", true, "2027-01-01T07:00:00+07:00"),
        ("2026-12-31T14:00:00Z", true, "2027-01-01T00:00:00Z"),
        ("2026-02-28T22:00:00+07:00", true, "2026-03-01T07:00:00+07:00"),
        ("2028-02-28T22:00:00+07:00", true, "2028-02-29T07:00:00+07:00"),
        ("2026-11-30T23:00:00+07:00", true, "2026-12-01T07:00:00+07:00"),
    ] as [(String, Bool, String)])
    func defaultWindow(instant: String, isQuiet: Bool, next: String) {
        let date = outreachInstant(instant)
        #expect(quiet.isQuiet(at: date) == isQuiet)
        #expect(quiet.nextAllowed(after: date) == outreachInstant(next))
    }

    @Test func fractionalSecondsAtTheBoundaries() {
        let beforeNine = outreachInstant("2026-11-20T14:00:00Z").addingTimeInterval(-0.25)
        #expect(!quiet.isQuiet(at: beforeNine))
        let beforeSeven = outreachInstant("2026-11-21T00:00:00Z").addingTimeInterval(-0.25)
        #expect(quiet.isQuiet(at: beforeSeven))
        #expect(quiet.nextAllowed(after: beforeSeven) == outreachInstant("2026-11-21T00:00:00Z"))
    }

    @Test func instantsBefore1970() {
        let date = outreachInstant("1969-12-31T22:00:00+07:00")
        #expect(quiet.isQuiet(at: date))
        #expect(quiet.nextAllowed(after: date) == outreachInstant("1970-01-01T07:00:00+07:00"))
    }

    @Test func onlySMSAndZaloAreDeferred() {
        let night = outreachInstant("2026-11-20T23:00:00+07:00")
        let morning = outreachInstant("2026-11-21T07:00:00+07:00")
        #expect(quiet.nextAllowed(for: .sms, after: night) == morning)
        #expect(quiet.nextAllowed(for: .zalo, after: night) == morning)
        #expect(quiet.nextAllowed(for: .email, after: night) == night)
        #expect(quiet.nextAllowed(for: .letter, after: night) == night)
        #expect(quiet.nextAllowed(for: .homeVisit, after: night) == night)
    }

    @Test func windowWithinOneDay() {
        let lunch = QuietHours(startHour: 12, startMinute: 0, endHour: 13, endMinute: 30)
        #expect(!lunch.isQuiet(at: outreachInstant("2026-11-20T11:59:59+07:00")))
        #expect(lunch.isQuiet(at: outreachInstant("2026-11-20T12:00:00+07:00")))
        #expect(lunch.isQuiet(at: outreachInstant("2026-11-20T13:29:59+07:00")))
        #expect(!lunch.isQuiet(at: outreachInstant("2026-11-20T13:30:00+07:00")))
        #expect(lunch.nextAllowed(after: outreachInstant("2026-11-20T12:10:00+07:00")) == outreachInstant("2026-11-20T13:30:00+07:00"))
    }

    @Test func emptyWindowNeverDefers() {
        let none = QuietHours(startHour: 7, endHour: 7)
        let date = outreachInstant("2026-11-20T23:00:00+07:00")
        #expect(!none.isQuiet(at: date))
        #expect(none.nextAllowed(after: date) == date)
    }

    @Test func otherOffset() {
        let utc = QuietHours(utcOffsetSeconds: 0)
        #expect(utc.isQuiet(at: outreachInstant("2026-11-20T21:00:00Z")))
        #expect(!utc.isQuiet(at: outreachInstant("2026-11-20T14:00:00Z")))
        #expect(utc.nextAllowed(after: outreachInstant("2026-11-20T21:00:00Z")) == outreachInstant("2026-11-21T07:00:00Z"))
    }

    @Test func outOfRangeClockValuesWrap() {
        let q = QuietHours(startHour: 45, startMinute: 0, endHour: -17, endMinute: 0)
        #expect(q.startMinute == 21 * 60)
        #expect(q.endMinute == 7 * 60)
    }

    @Test("parse", arguments: [
        ("21:00-07:00", 21 * 60, 7 * 60), (" 22:30 – 06:00 ", 22 * 60 + 30, 6 * 60), ("0:00-5:45", 0, 5 * 60 + 45),
    ] as [(String, Int, Int)])
    func parse(raw: String, start: Int, end: Int) throws {
        let q = try QuietHours.parse(raw)
        #expect(q.startMinute == start)
        #expect(q.endMinute == end)
        #expect(q.utcOffsetSeconds == 25_200)
    }

    @Test("parse errors", arguments: ["", "21-07", "24:00-07:00", "21:60-07:00", "21:00", "21:00-07:00-08:00", "2a:00-07:00"])
    func parseErrors(raw: String) {
        #expect(throws: FieldError.self) { try QuietHours.parse(raw) }
    }

    @Test func defaultAndDescription() throws {
        #expect(try QuietHours.parse("21:00-07:00") == QuietHours())
        #expect(QuietHours().description == "21:00-07:00 UTC+7")
        #expect(QuietHours(startHour: 22, startMinute: 5, endHour: 6, utcOffsetSeconds: -16_200).description == "22:05-06:00 UTC-4:30")
    }

    @Test func sweepNextAllowedIsAlwaysAllowedAndMinimal() {
        let start = outreachInstant("2026-11-20T00:00:00Z")
        for step in 0..<(2 * 24 * 60 / 7) {
            let date = start.addingTimeInterval(TimeInterval(step * 7 * 60 + 13))
            let next = quiet.nextAllowed(after: date)
            #expect(next >= date)
            #expect(!quiet.isQuiet(at: next))
            if next != date {
                #expect(quiet.isQuiet(at: date))
                #expect(quiet.isQuiet(at: next.addingTimeInterval(-1)))
                #expect(next.timeIntervalSince(date) <= 10 * 3600)
            }
        }
    }
}
