import Foundation

/// Vietnam-time calendar arithmetic for bank registrations: local days, and the first payment
/// period a new account can be used for.
///
/// Everything takes the instant and the UTC offset as parameters, so tests inject the clock and
/// the "calendar" (Vietnam is UTC+7 all year, without daylight saving).
public enum PaymentCalendar: Sendable {
    /// Indochina Time, UTC+7, in seconds.
    public static let vietnamUTCOffsetSeconds = 25_200

    /// The default cut-off day: requests on or before it switch from the next period.
    public static let defaultCutOffDay = 20

    /// The local calendar day of `instant` at `utcOffsetSeconds` (e.g. 2026-11-20T17:30Z is 2026-11-21 in Vietnam).
    ///
    /// Always a complete date; years outside `PartialDate.yearRange` are clamped to its ends.
    public static func localDay(of instant: Date, utcOffsetSeconds: Int = vietnamUTCOffsetSeconds) -> PartialDate {
        CivilDay(instant, utcOffsetSeconds: utcOffsetSeconds).partialDate
    }

    /// The first period paid to the account for a request made on local `day`.
    ///
    /// Accounts are paid on days 1–3 (3830/BHXH-TCKT) and the payment list is prepared beforehand,
    /// so a request on or before `cutOffDay` of month M switches from M+1, a later one from M+2.
    /// A partial `day` counts as its first possible day.
    public static func firstPeriod(forRequestOn day: PartialDate, cutOffDay: Int = defaultCutOffDay) -> Period {
        firstPeriod(for: CivilDay(day), cutOffDay: cutOffDay)
    }

    /// The period from which a registration takes effect: the first period for the request time,
    /// but never one whose cut-off had already passed when the decision was made.
    ///
    /// A request made on 19 November but decided on 5 December (say, after a pending verification)
    /// cannot be paid in December any more, so it takes effect from January.
    public static func effectivePeriod(requestedAt: Date, decidedAt: Date, cutOffDay: Int = defaultCutOffDay,
                                       utcOffsetSeconds: Int = vietnamUTCOffsetSeconds) -> Period {
        let fromRequest = firstPeriod(for: CivilDay(requestedAt, utcOffsetSeconds: utcOffsetSeconds), cutOffDay: cutOffDay)
        let fromDecision = firstPeriod(for: CivilDay(decidedAt, utcOffsetSeconds: utcOffsetSeconds), cutOffDay: cutOffDay)
        return max(fromRequest, fromDecision)
    }

    static func firstPeriod(for day: CivilDay, cutOffDay: Int) -> Period {
        let period = CivilDay(year: day.year, month: day.month, day: 1).period
        return day.day <= cutOffDay ? period.next : period.next.next
    }
}
