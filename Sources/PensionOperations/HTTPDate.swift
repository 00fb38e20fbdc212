import PensionDomain

/// RFC 9110's `Date` header form (IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`), written
/// with integer arithmetic: Hummingbird's own goes through a Foundation `Calendar`, which keeps
/// about 1.8 MiB of ICU's data resident in every worker that serves health and metrics.
enum HTTPDate {
    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The header value for an instant in whole seconds since 1970 (UTC), years 1600–9999.
    static func format(secondsSince1970 seconds: Int) -> String? {
        let (dayNumber, second) = FixedDigits.daySecond(secondsSince1970: seconds)
        let day = CivilDay(dayNumber: dayNumber)
        guard (1600...9999).contains(day.year) else { return nil }
        // Day 0, 1970-01-01, was a Thursday.
        var bytes = Array("\(dayNames[(dayNumber % 7 + 7 + 4) % 7]), ".utf8)
        FixedDigits.append(day.day, count: 2, to: &bytes)
        bytes += Array(" \(monthNames[day.month - 1]) ".utf8)
        FixedDigits.append(day.year, count: 4, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        FixedDigits.append(second / 3_600, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        FixedDigits.append(second / 60 % 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        FixedDigits.append(second % 60, count: 2, to: &bytes)
        bytes += Array(" GMT".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }
}
