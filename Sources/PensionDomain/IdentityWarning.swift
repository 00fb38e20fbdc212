import Foundation

/// Something odd about an identity that an officer should look at, but that must not block payment.
///
/// The 2023 ID law (Luật Căn cước 2023) only promises "12 digits", so anomalies in the old
/// prefix/century encoding are reported, never rejected.
public struct IdentityWarning: Codable, Hashable, Sendable, CustomStringConvertible {
    /// Stable machine-readable code, e.g. `unknown_birthplace_prefix`.
    public let code: String
    /// Officer-facing explanation; never contains the ID number, name or other personal values.
    public let message: String

    /// Creates a warning.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    /// The first three digits are neither one of the 63 birth-place codes nor a foreign code 101–295.
    public static let unknownBirthplacePrefixCode = "unknown_birthplace_prefix"
    /// Digit 4 says the other sex.
    public static let sexDigitMismatchCode = "sex_digit_mismatch"
    /// Digit 4 says another century than the birth year.
    public static let centuryMismatchCode = "century_mismatch"
    /// Digits 5–6 are not the last two digits of the birth year.
    public static let birthYearMismatchCode = "birth_year_mismatch"
    /// The names differ only by diacritics (e.g. a bank-style UPPER unaccented name).
    public static let nameDiffersOnlyInAccentsCode = "name_differs_only_in_accents"
}

extension IdentityWarning {
    /// `[{"code":…,"message":…},…]`, as stored with an outcome; what `JSONEncoder` writes with
    /// `.sortedKeys` and `.withoutEscapingSlashes`, without its cost per task (tests compare the two).
    public static func encodedJSON(_ warnings: [IdentityWarning]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, warning) in warnings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            var object = JSONObjectWriter(capacity: 96)
            object.field("code", warning.code)
            object.field("message", warning.message)
            bytes.append(contentsOf: object.finished())
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
