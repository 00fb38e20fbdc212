import Foundation

/// ISO-8601 instants for the wire and the logs, in UTC.
///
/// The common forms are read and written here with integer arithmetic: Foundation's format styles
/// cost a few per cent of a worker's CPU, and their time-zone look-up loads ICU data that then
/// stays resident in every worker. Anything else goes to Foundation; tests compare the two.
public enum ISO8601: Sendable {
    static func parse(_ raw: String) -> Date? {
        let value = UnicodeText.trimmed(raw)
        if let date = parseFast(value) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(value) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(value)
    }

    /// The two forms producers write, `2026-11-26T12:00:00Z` and `2026-11-26T12:00:00.123Z`, read
    /// without Foundation's format style: it was a few per cent of the verify worker's CPU, and its
    /// time-zone look-up loads ICU data that then stays resident in every worker. Nil for anything
    /// else, which `parse` then hands to Foundation; both read every string alike (tests compare).
    static func parseFast(_ value: String) -> Date? {
        // Native strings are contiguous UTF-8; any other goes the Foundation way. So do years before
        // 1600: Foundation's calendar is Julian before October 1582, this arithmetic is not.
        value.utf8.withContiguousStorageIfAvailable({ b -> Date? in
            guard b.count == 20 || b.count == 24 else { return nil }
            func number(_ range: Range<Int>) -> Int? { FixedDigits.read(b, range) }
            let milliseconds = b.count == 20 ? 0 : b[19] == UInt8(ascii: ".") ? number(20..<23) : nil
            guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"),
                  b[16] == UInt8(ascii: ":"), b[b.count - 1] == UInt8(ascii: "Z"), let milliseconds,
                  let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                  year >= 1600, (1...12).contains(month), (1...PartialDate.daysIn(month: month, year: year)).contains(day),
                  hour < 24, minute < 60, second < 60 else { return nil }
            let days = CivilDay(year: year, month: month, day: day).dayNumber
            let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
            // Foundation adds the fraction to the seconds since 2001, not since 1970; so does this,
            // so both give the same Double.
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(milliseconds) / 1000)
        }) ?? nil
    }

    static func format(_ date: Date) -> String {
        if let text = formatFast(date) { return text }
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        return whole ? Date.ISO8601FormatStyle().format(date)
            : Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// `2026-11-26T12:00:00Z`, the instant cut to whole seconds: what `Date.ISO8601FormatStyle()` writes.
    public static func formatSeconds(_ date: Date) -> String {
        split(date).flatMap { text(seconds: $0.seconds, milliseconds: nil) } ?? Date.ISO8601FormatStyle().format(date)
    }

    /// `2026-11-26T12:00:00.123Z`, always with the milliseconds (cut): what `.iso8601` with
    /// fractional seconds writes. The JSON logs stamp every line with it.
    public static func formatMilliseconds(_ date: Date) -> String {
        split(date).flatMap { text(seconds: $0.seconds, milliseconds: $0.milliseconds ?? 0) }
            ?? Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// What `format` writes for an instant in the years 1600–9999, without Foundation's format style
    /// (a third of the cost of a verify task's JSON body in the roster import's profile):
    /// `2026-11-26T12:00:00Z` for whole seconds, else `2026-11-26T12:00:00.123Z`. Nil otherwise,
    /// and `format` asks Foundation. Tests compare the two.
    static func formatFast(_ date: Date) -> String? {
        split(date).flatMap { text(seconds: $0.seconds, milliseconds: $0.milliseconds) }
    }

    /// Whole seconds since 1970 and the milliseconds after them, cut, not rounded, as Foundation
    /// cuts them; nil milliseconds for a whole second (0.0001 s is not one, and Foundation writes
    /// `.000` for it). Nil for an instant that is not a number of seconds an `Int` holds.
    private static func split(_ date: Date) -> (seconds: Int, milliseconds: Int?)? {
        let interval = date.timeIntervalSince1970
        let floor = interval.rounded(.down)
        guard let seconds = Int(exactly: floor) else { return nil }
        return (seconds, interval == floor ? nil : Int(((interval - floor) * 1000).rounded(.down)))
    }

    /// The text of an instant given as whole seconds since 1970 and, when wanted, milliseconds;
    /// nil outside the years 1600–9999.
    private static func text(seconds: Int, milliseconds: Int?) -> String? {
        guard var bytes = FixedDigits.dateTime(secondsSince1970: seconds, separator: UInt8(ascii: "T")) else { return nil }
        if let milliseconds {
            bytes.append(UInt8(ascii: "."))
            FixedDigits.append(milliseconds, count: 3, to: &bytes)
        }
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
