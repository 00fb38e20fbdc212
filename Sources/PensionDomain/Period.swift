import Foundation

/// A monthly payment period, `YYYY-MM` on the wire.
public struct Period: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, 1900...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int

    /// Creates a period, or nil for an impossible month or year.
    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM` (white space trimmed).
    public static func parse(_ raw: String, field: String = "period") throws(FieldError) -> Period {
        // Every verify task carries a period: splitting it into Strings was a percent of the
        // worker's samples, so the exact seven-byte form is read in place first.
        guard let (year, month) = plainDigits(raw) ?? plainDigits(UnicodeText.trimmed(raw)) else {
            throw FieldError(field: field, message: "expected a period as YYYY-MM, e.g. 2026-11")
        }
        guard let period = Period(year: year, month: month) else {
            throw FieldError(field: field, message: "the month must be 01 to 12 and the year 1900 or later")
        }
        return period
    }

    /// Year and month of exactly `DDDD-DD` (ASCII digits), else nil.
    private static func plainDigits(_ text: String) -> (Int, Int)? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
                  let year = FixedDigits.read(bytes, 0..<4), let month = FixedDigits.read(bytes, 5..<7) else { return nil }
            return (year, month)
        }
    }

    /// The following month (December rolls over to January of the next year).
    public var next: Period {
        month == 12 ? Period(year: year + 1, month: 1)! : Period(year: year, month: month + 1)!
    }

    /// `YYYY-MM`.
    public var description: String {
        String(year) + "-" + (month < 10 ? "0\(month)" : String(month))
    }

    /// Chronological order.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// Decodes from a `YYYY-MM` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try Period.parse(try container.decode(String.self))
        } catch let error as FieldError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as a `YYYY-MM` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
