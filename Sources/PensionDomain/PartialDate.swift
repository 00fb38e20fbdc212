import Foundation

/// A calendar date of which the month and day may be unknown.
///
/// Many older pensioners were registered with only a birth year (or month and year), so the
/// registry and rosters carry partial dates; comparing them must only use the parts both sides know.
public struct PartialDate: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Four-digit year, 1850...2200.
    public let year: Int
    /// Month 1...12, when known.
    public let month: Int?
    /// Day of the month, when known (only with a month).
    public let day: Int?

    /// The accepted range of years; wide enough for the oldest pensioners and the registry's far future.
    public static let yearRange = 1850...2200

    /// Creates a date, or `nil` if it is not a real calendar date (e.g. 29 February of a common year).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard PartialDate.yearRange.contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard day >= 1, day <= PartialDate.daysIn(month: month, year: year) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Gregorian leap-year rule (1900 and 2100 are not leap years, 2000 is).
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD/MM/YYYY` or `MM/YYYY` (day and month may have one digit
    /// in the slash forms, as spreadsheets often drop the leading zero).
    ///
    /// - Parameter field: the field name reported in the error.
    public static func parse(_ raw: String, field: String = "date") throws(FieldError) -> PartialDate {
        let value = UnicodeText.trimmed(raw)
        guard !value.isEmpty else { throw FieldError(field: field, message: "the date is empty") }
        let formatHelp = "expected YYYY-MM-DD, DD/MM/YYYY, MM/YYYY, YYYY-MM or YYYY"
        // Up to three runs of digits with one kind of separator, read on bytes: splitting into
        // strings cost 3 % of a roster import's CPU. No valid part is longer than 4 digits.
        let slashes = value.utf8.contains(UInt8(ascii: "/"))
        let separator = slashes ? UInt8(ascii: "/") : UInt8(ascii: "-")
        var numbers = [0, 0, 0], lengths = [0, 0, 0], count = 1
        for byte in value.utf8 {
            if byte == separator {
                guard count < 3 else { throw FieldError(field: field, message: formatHelp) }
                count += 1
                continue
            }
            guard (0x30...0x39).contains(byte), lengths[count - 1] < 4 else { throw FieldError(field: field, message: formatHelp) }
            numbers[count - 1] = numbers[count - 1] * 10 + Int(byte - 0x30)
            lengths[count - 1] += 1
        }
        let year: Int, month: Int?, day: Int?
        if slashes {
            // D/M/YYYY or M/YYYY, day and month with one or two digits.
            guard count >= 2, lengths[count - 1] == 4, lengths[..<(count - 1)].allSatisfy({ (1...2).contains($0) }) else {
                throw FieldError(field: field, message: formatHelp)
            }
            (day, month, year) = count == 3 ? (numbers[0], numbers[1], numbers[2]) : (nil, numbers[0], numbers[1])
        } else {
            guard lengths[0] == 4, lengths[1..<count].allSatisfy({ $0 == 2 }) else {
                throw FieldError(field: field, message: formatHelp)
            }
            year = numbers[0]
            month = count > 1 ? numbers[1] : nil
            day = count > 2 ? numbers[2] : nil
        }
        return try checked(year: year, month: month, day: day, field: field)
    }

    /// The date of parts read from text, or the error an officer sees for them.
    static func checked(year: Int, month: Int?, day: Int?, field: String) throws(FieldError) -> PartialDate {
        guard yearRange.contains(year) else {
            throw FieldError(field: field, message: "the year must be between \(yearRange.lowerBound) and \(yearRange.upperBound)")
        }
        if let month, !(1...12).contains(month) {
            throw FieldError(field: field, message: "the month must be between 1 and 12")
        }
        guard let date = PartialDate(year: year, month: month, day: day) else {
            throw FieldError(field: field, message: "not a real calendar date (check the day for that month and year)")
        }
        return date
    }

    /// ISO form with only the known parts: `1950`, `1950-03` or `1950-03-07`. Codable uses it.
    public var iso: String {
        var s = String(year)
        if let month { s += "-" + Self.twoDigits(month) }
        if let day { s += "-" + Self.twoDigits(day) }
        return s
    }

    /// The ISO form.
    public var description: String { iso }

    /// True when the date has year, month and day.
    public var isComplete: Bool { day != nil }

    /// True when every part that both dates know is equal (year always; month and day only if both have them).
    ///
    /// `1950` agrees with `1950-03-07`; `1950-03` does not agree with `1950-04-01`.
    public func agrees(with other: PartialDate) -> Bool {
        guard year == other.year else { return false }
        if let month, let otherMonth = other.month, month != otherMonth { return false }
        if let day, let otherDay = other.day, day != otherDay { return false }
        return true
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// Decodes from the ISO string (also accepts the other `parse` forms).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            self = try PartialDate.parse(raw)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as the ISO string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
