/// The CSV lines of a synthetic person, in the formats `pensionpay import` and
/// `pensionpay registry import` read (docs/formats.md). Each line ends with "\n".
public enum SyntheticCSV: Sendable {
    /// The roster header.
    public static let rosterHeader =
        "national_id,full_name,date_of_birth,sex,province_code,commune_code,phone,payment_method,bank_bin,bank_account,legacy_bhxh_code\n"
    /// The registry-extract header.
    public static let registryHeader = "national_id,full_name,date_of_birth,sex,status,date_of_death,province_code,commune_code\n"

    /// The person's roster row.
    public static func rosterLine(_ person: SyntheticPerson) -> String {
        let w = person.written
        return [w.nationalID, field(person.fullName), w.dateOfBirth, w.sex, w.provinceCode, person.communeCode,
                field(w.phone), field(w.paymentMethod), person.bankBIN ?? "", person.bankAccount ?? "",
                person.legacyBHXHCode ?? ""].joined(separator: ",") + "\n"
    }

    /// The person's row in the registry extract of month `month`, or nil when the registry does not know them.
    public static func registryLine(_ person: SyntheticPerson, month: Int) -> String? {
        guard let registry = person.registry else { return nil }
        let deceased = person.isDeceased(inMonth: month)
        return [person.nationalID, field(registry.fullName), registry.dateOfBirth.iso, person.sex.rawValue,
                deceased ? "deceased" : "alive", deceased ? person.death!.date.iso : "",
                person.provinceCode, person.communeCode].joined(separator: ",") + "\n"
    }

    /// RFC 4180 quoting when a value holds a comma, quote or line break (names never should, but a
    /// generator must not be able to break the file).
    public static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
