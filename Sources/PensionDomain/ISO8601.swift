import Foundation

/// ISO-8601 instants for the wire; internal because callers should hand over `Date` values.
enum ISO8601: Sendable {
    static func parse(_ raw: String) -> Date? {
        let value = UnicodeText.trimmed(raw)
        if let date = parseWholeSecondsUTC(value) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(value) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(value)
    }

    /// The form producers write, `2026-11-26T12:00:00Z`, read without Foundation's format style (a
    /// few per cent of the verify worker's CPU); nil for anything else, which `parse` then hands to
    /// Foundation, so both read every string alike (tests compare them).
    static func parseWholeSecondsUTC(_ value: String) -> Date? {
        // Native strings are contiguous UTF-8; any other goes the Foundation way. So do years before
        // 1600: Foundation's calendar is Julian before October 1582, this arithmetic is not.
        value.utf8.withContiguousStorageIfAvailable({ b -> Date? in
            guard b.count == 20 else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = Int(b[index]) - 0x30
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"),
                  b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z"),
                  let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                  year >= 1600, (1...12).contains(month), (1...PartialDate.daysIn(month: month, year: year)).contains(day),
                  hour < 24, minute < 60, second < 60 else { return nil }
            let days = CivilDay(year: year, month: month, day: day).dayNumber
            return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
        }) ?? nil
    }

    static func format(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        if whole, let text = formatWholeSecondsUTC(date) { return text }
        return whole ? Date.ISO8601FormatStyle().format(date)
            : Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// `2026-11-26T12:00:00Z` for a whole-second instant in the years 1600–9999, written without
    /// Foundation's format style (a third of the cost of a verify task's JSON body, measured in the
    /// roster import); nil otherwise, and `format` then asks Foundation. Tests compare the two.
    static func formatWholeSecondsUTC(_ date: Date) -> String? {
        let interval = date.timeIntervalSince1970
        guard interval.rounded(.down) == interval, let seconds = Int(exactly: interval) else { return nil }
        let (dayNumber, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let day = CivilDay(dayNumber: secondOfDay < 0 ? dayNumber - 1 : dayNumber)
        let second = secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay
        guard (1600...9999).contains(day.year) else { return nil }
        var bytes = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int, at offset: Int, digits: Int) {
            var value = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[index] = UInt8(0x30 + value % 10)
                value /= 10
            }
        }
        put(day.year, at: 0, digits: 4)
        put(day.month, at: 5, digits: 2)
        put(day.day, at: 8, digits: 2)
        put(second / 3_600, at: 11, digits: 2)
        put(second / 60 % 60, at: 14, digits: 2)
        put(second % 60, at: 17, digits: 2)
        (bytes[4], bytes[7], bytes[10]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"))
        (bytes[13], bytes[16], bytes[19]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
