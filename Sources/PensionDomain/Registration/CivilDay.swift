import Foundation

/// A proleptic-Gregorian calendar day used for date arithmetic in the registration rules.
///
/// Pure integer arithmetic (days since 1970-01-01), so results never depend on the host's
/// time zone, locale or calendar settings.
public struct CivilDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year (proleptic Gregorian).
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month.
    public var day: Int

    /// A day as given; the caller checks it is a real one.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The first day a partial date can mean (`roundingUp == false`) or the last (`roundingUp == true`).
    init(_ date: PartialDate, roundingUp: Bool = false) {
        let month = date.month ?? (roundingUp ? 12 : 1)
        let day = date.day ?? (roundingUp ? PartialDate.daysIn(month: month, year: date.year) : 1)
        self.init(year: date.year, month: month, day: day)
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day with this number of days since 1970-01-01 (`civil_from_days`).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The local calendar day of an instant at a fixed UTC offset (Vietnam has no daylight saving).
    ///
    /// Instants far outside any plausible range are clamped first, so the conversion cannot trap.
    init(_ instant: Date, utcOffsetSeconds: Int) {
        let seconds = min(max(instant.timeIntervalSince1970.rounded(.down), -10_000_000_000), 10_000_000_000)
        let local = Int(seconds) + utcOffsetSeconds
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        self.init(dayNumber: days)
    }

    /// The same day-of-month `months` later, clamped to the end of a shorter month (31 Jan + 1 → 28/29 Feb).
    func addingMonths(_ months: Int) -> CivilDay {
        let total = year * 12 + (month - 1) + months
        let newYear = total >= 0 ? total / 12 : -((-total + 11) / 12)
        let newMonth = total - newYear * 12 + 1
        let lastDay = PartialDate.daysIn(month: newMonth, year: newYear)
        return CivilDay(year: newYear, month: newMonth, day: min(day, lastDay))
    }

    /// As a complete `PartialDate`; years outside `PartialDate.yearRange` are clamped to its ends.
    var partialDate: PartialDate {
        if year < PartialDate.yearRange.lowerBound { return PartialDate(year: PartialDate.yearRange.lowerBound, month: 1, day: 1)! }
        if year > PartialDate.yearRange.upperBound { return PartialDate(year: PartialDate.yearRange.upperBound, month: 12, day: 31)! }
        return PartialDate(year: year, month: month, day: day)!
    }

    /// The payment period of this day's month; years are clamped to `Period`'s range.
    var period: Period {
        Period(year: min(max(year, 1900), 9999), month: month)!
    }

    public static func < (lhs: CivilDay, rhs: CivilDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String { partialDate.iso }
}
