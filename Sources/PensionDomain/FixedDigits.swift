/// Fixed-width decimal fields in ASCII text: the date and time forms read and written by hand
/// (ISO 8601 on the wire, the store's timestamps) instead of through Foundation's formatters.
public enum FixedDigits: Sendable {
    /// Writes `value` (not negative) as exactly `count` digits at `offset`, with leading zeros.
    private static func write(_ value: Int, into bytes: inout [UInt8], at offset: Int, count: Int) {
        var value = value
        for index in stride(from: offset + count - 1, through: offset, by: -1) {
            bytes[index] = UInt8(0x30 + value % 10)
            value /= 10
        }
    }

    /// The number written in `range` of `bytes`, or nil if any byte there is not an ASCII digit.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let digit = Int(bytes[index]) - 0x30
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Appends `value` (not negative) as exactly `count` digits.
    public static func append(_ value: Int, count: Int, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: repeatElement(0, count: count))
        write(value, into: &bytes, at: bytes.count - count, count: count)
    }

    /// The UTC day (days since 1970-01-01, as `CivilDay(dayNumber:)` takes it) and the second of
    /// that day of an instant in whole seconds since 1970: floor division, without overflow for any Int.
    public static func daySecond(secondsSince1970 seconds: Int) -> (day: Int, second: Int) {
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        return remainder < 0 ? (quotient - 1, remainder + 86_400) : (quotient, remainder)
    }

    /// `yyyy-MM-dd?HH:mm:ss` in UTC with `separator` between the date and the time, for an instant
    /// given in whole seconds since 1970: the 19 bytes both hand-written timestamp forms begin
    /// with. Nil outside the years 1600–9999 (a four-digit year, and Foundation's calendar is
    /// Gregorian there too).
    public static func dateTime(secondsSince1970 seconds: Int, separator: UInt8) -> [UInt8]? {
        let (dayNumber, second) = daySecond(secondsSince1970: seconds)
        let day = CivilDay(dayNumber: dayNumber)
        guard (1600...9999).contains(day.year) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(day.year, count: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day.month, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day.day, count: 2, to: &bytes)
        bytes.append(separator)
        append(second / 3_600, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(second / 60 % 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(second % 60, count: 2, to: &bytes)
        return bytes
    }
}
