import Foundation

/// The 10-digit legacy social-insurance code (mã số BHXH).
///
/// Replaced by the personal ID on 01/08/2025; kept only as an alias for matching old records,
/// never as a key.
public struct LegacyBHXHCode: Hashable, Sendable, Codable, CustomStringConvertible, CustomReflectable {
    /// The ten ASCII digits.
    public let digits: String

    private init(validDigits: String) { self.digits = validDigits }

    /// Trims white space and accepts exactly 10 ASCII digits.
    public static func parse(_ raw: String) throws(IdentityInputError) -> LegacyBHXHCode {
        let value = UnicodeText.trimmed(raw)
        if value.isEmpty { throw .empty }
        guard UnicodeText.isASCIIDigits(value) else { throw .nonDigits }
        guard value.utf8.count == 10 else { throw .wrongLength(value.utf8.count, expected: 10) }
        return LegacyBHXHCode(validDigits: value)
    }

    /// First two digits (province part), six stars, last two: `79******45`.
    public var masked: String { String(digits.prefix(2)) + "******" + String(digits.suffix(2)) }
    /// The masked form, so interpolation in logs is safe.
    public var description: String { masked }
    /// Hides the digits from `dump`.
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    /// Decodes from a plain JSON string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try LegacyBHXHCode.parse(try container.decode(String.self))
        } catch let error as IdentityInputError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "BHXH code: \(error.message)")
        }
    }

    /// Encodes as a plain JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
