import Foundation

/// Reads the legacy structure of the 12-digit ID (Decree 137/2015, TT 07/2016) to spot data-entry slips.
///
/// Digits 1–3: birth-registration place (63 province codes, or a country code 101–295 abroad);
/// digit 4: century and sex (1900s M0/F1, 2000s M2/F3, … even = male); digits 5–6: birth year.
/// There is no check digit. Everything here yields warnings only: the encoding is no longer
/// guaranteed by law, and the prefix is the birth place, never the residence.
public enum IdentityStructure: Sendable {
    /// The foreign-country birth-registration codes.
    public static let foreignPrefixRange = 101...295

    /// The century (e.g. 1900) encoded by digit 4, and the sex it encodes.
    public static func centuryAndSex(of id: NationalID) -> (century: Int, sex: Sex) {
        let d4 = Int(id.digits.utf8[id.digits.utf8.index(id.digits.utf8.startIndex, offsetBy: 3)] - 0x30)
        return (1900 + (d4 / 2) * 100, d4 % 2 == 0 ? .male : .female)
    }

    /// Consistency warnings for an ID against the (registry or claimed) birth date and sex.
    public static func warnings(for id: NationalID, birthDate: PartialDate?, sex: Sex?) -> [IdentityWarning] {
        var result: [IdentityWarning] = []
        let prefix = Int(id.prefix)!
        if AdministrativeUnits.legacyBirthPlaceName(prefix: id.prefix) == nil && !foreignPrefixRange.contains(prefix) {
            result.append(IdentityWarning(
                code: IdentityWarning.unknownBirthplacePrefixCode,
                message: "the first three digits are not a known birth-place or country code"
            ))
        }
        let encoded = centuryAndSex(of: id)
        if let sex, sex != encoded.sex {
            result.append(IdentityWarning(
                code: IdentityWarning.sexDigitMismatchCode,
                message: "the 4th digit does not match the recorded sex"
            ))
        }
        if let birthDate {
            let century = birthDate.year - birthDate.year % 100
            if century != encoded.century {
                result.append(IdentityWarning(
                    code: IdentityWarning.centuryMismatchCode,
                    message: "the 4th digit encodes another century than the birth year"
                ))
            }
            let yy = Int(id.digits.dropFirst(4).prefix(2))!
            if yy != birthDate.year % 100 {
                result.append(IdentityWarning(
                    code: IdentityWarning.birthYearMismatchCode,
                    message: "the 5th and 6th digits are not the last two digits of the birth year"
                ))
            }
        }
        return result
    }
}
