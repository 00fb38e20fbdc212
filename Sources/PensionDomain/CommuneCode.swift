import Foundation

/// A commune-level unit code of the 2025 list (Decision 19/2025/QĐ-TTg): exactly 5 digits, never reused.
public struct CommuneCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The five digits.
    public let code: String

    private init(validCode: String) { self.code = validCode }

    /// Trims white space and accepts exactly 5 ASCII digits.
    public static func parse(_ raw: String, field: String = "commune_code") throws(FieldError) -> CommuneCode {
        let value = UnicodeText.trimmed(raw)
        guard value.utf8.count == 5, UnicodeText.isASCIIDigits(value) else {
            throw FieldError(field: field, message: "a commune code has exactly 5 digits")
        }
        return CommuneCode(validCode: value)
    }

    /// The code.
    public var description: String { code }

    /// Decodes from a JSON string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try CommuneCode.parse(try container.decode(String.self))
        } catch let error as FieldError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
