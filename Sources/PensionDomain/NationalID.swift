import Foundation

/// The 12-digit personal identification number (số định danh cá nhân / CCCD number).
///
/// Since 01/08/2025 it is the primary key of every beneficiary. `description` is masked so that
/// string interpolation in logs can never leak a full number; use `digits` deliberately.
public struct NationalID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The twelve ASCII digits.
    public let digits: String

    private init(validDigits: String) { self.digits = validDigits }

    /// Parses user input: trims white space (NBSP and zero-width included) and accepts exactly 12 ASCII digits.
    ///
    /// 9 and 10 digits get their own errors because they are the two legacy numbers officers most
    /// often paste by mistake (old CMND, old BHXH code).
    public static func parse(_ raw: String) throws(IdentityInputError) -> NationalID {
        let value = UnicodeText.trimmed(raw)
        if value.isEmpty { throw .empty }
        guard UnicodeText.isASCIIDigits(value) else { throw .nonDigits }
        switch value.utf8.count {
        case 12: return NationalID(validDigits: value)
        case 9: throw .oldCMND
        case 10: throw .legacyBHXH
        case let n: throw .wrongLength(n, expected: 12)
        }
    }

    /// First three digits (birth-registration place), seven stars, last two: `079*******23`.
    public var masked: String {
        String(digits.prefix(3)) + "*******" + String(digits.suffix(2))
    }

    /// The masked form, so `"\(id)"` is safe in logs.
    public var description: String { masked }
    /// The masked form, so debugger and `print` output is safe too.
    public var debugDescription: String { "NationalID(\(masked))" }
    /// Hides the digits from `dump` and other mirror-based printers.
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    /// The 3-digit birth-registration code (province or foreign country).
    public var prefix: String { String(digits.prefix(3)) }

    /// Orders by digits, which is also the order a database index uses.
    public static func < (lhs: NationalID, rhs: NationalID) -> Bool { lhs.digits < rhs.digits }

    /// Decodes from a plain JSON string, validating it; the error names the problem, not the value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            self = try NationalID.parse(raw)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "national ID: \(error.message)")
        }
    }

    /// Encodes as a plain JSON string of the twelve digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
