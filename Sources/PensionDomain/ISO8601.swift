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
        return whole ? Date.ISO8601FormatStyle().format(date)
            : Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
