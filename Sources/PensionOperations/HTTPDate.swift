import PensionDomain

/// RFC 9110's `Date` header form (IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`), written
/// with integer arithmetic: Hummingbird's own goes through a Foundation `Calendar`, which keeps
/// about 1.8 MiB of ICU's data resident in every worker that serves health and metrics.
enum HTTPDate {
    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The header value for an instant in whole seconds since 1970 (UTC), years 1600–9999.
    static func format(secondsSince1970 seconds: Int) -> String? {
        // "yyyy-MM-dd HH:mm:ss", rearranged.
        guard let bytes = FixedDigits.dateTime(secondsSince1970: seconds, separator: UInt8(ascii: " ")) else { return nil }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        let month = Int(bytes[5] - UInt8(ascii: "0")) * 10 + Int(bytes[6] - UInt8(ascii: "0"))
        // Floor division by a day; day 0, 1970-01-01, was a Thursday.
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let day = remainder < 0 ? quotient - 1 : quotient
        let weekday = (day % 7 + 7 + 4) % 7
        return "\(dayNames[weekday]), \(text(8..<10)) \(monthNames[month - 1]) \(text(0..<4)) \(text(11..<19)) GMT"
    }
}
