import Foundation
import GRDB
import PensionDomain

/// Instants as the store keeps them: GRDB's own text form, `yyyy-MM-dd HH:mm:ss.SSS` in UTC,
/// written and read here with integer arithmetic.
///
/// GRDB goes through `DateFormatter` and a `Calendar` with an `en_US_POSIX` locale, and both load
/// ICU's locale and calendar data: in a worker those pages were most of `lib_FoundationICU`'s
/// resident memory (page-fault profile, sitting 12). Values outside the years 1600–9999, and text
/// in any other form, still go to GRDB, so what is stored and read back is unchanged (tests
/// compare both ways).
enum StoreDate {
    /// The database value of `date`: exactly what GRDB's `Date.databaseValue` writes.
    static func value(_ date: Date) -> DatabaseValue {
        text(date).map(\.databaseValue) ?? date.databaseValue
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS`, or nil outside the years 1600–9999.
    static func text(_ date: Date) -> String? {
        // Milliseconds since 1970 rounded to the nearest, which is what DateFormatter prints
        // (checked against it on 40,000 instants; flooring differed on a quarter of them).
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000).rounded()
        guard let total = Int(exactly: milliseconds) else { return nil }
        let (quotient, remainder) = total.quotientAndRemainder(dividingBy: 1000)
        let seconds = remainder < 0 ? quotient - 1 : quotient
        guard var bytes = FixedDigits.dateTime(secondsSince1970: seconds, separator: UInt8(ascii: " ")) else { return nil }
        bytes.append(UInt8(ascii: "."))
        FixedDigits.append(remainder < 0 ? remainder + 1000 : remainder, count: 3, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The instant a stored value names: the store's own form read here, anything else by GRDB.
    static func date(_ value: DatabaseValue) -> Date? {
        if case .string(let text) = value.storage, let date = parse(text) { return date }
        return Date.fromDatabaseValue(value)
    }

    /// The instant in a column that must hold one; NULL or unreadable text is a store error.
    static func required(_ value: DatabaseValue, column: String) throws -> Date {
        guard let date = date(value) else {
            throw StoreError(.unexpectedValue, "\(column) does not hold a date")
        }
        return date
    }

    /// Reads `yyyy-MM-dd HH:mm:ss.SSS` (years 1600–9999, a real calendar day); nil for anything else.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 23, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: " "),
                  b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: ".") else { return nil }
            func number(_ range: Range<Int>) -> Int? { FixedDigits.read(b, range) }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                  let ms = number(20..<23), year >= 1600, (1...12).contains(month),
                  (1...PartialDate.daysIn(month: month, year: year)).contains(day),
                  hour < 24, minute < 60, second < 60 else { return nil }
            let seconds = CivilDay(year: year, month: month, day: day).dayNumber * 86_400 + hour * 3_600 + minute * 60 + second
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(ms) / 1000)
        }
    }

}
