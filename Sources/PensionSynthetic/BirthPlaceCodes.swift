import PensionDomain

/// The 3-digit prefixes of ID numbers (the place where birth was registered, FACTS.md §2) with the
/// weights of the generation now drawing pensions: born 1920–1970, mostly in the Red River delta,
/// the north-central coast and the big cities, plus a few births registered abroad.
///
/// The prefix is drawn independently of the province that pays the pension: people moved, and
/// nothing may route by the prefix.
public enum BirthPlaceCodes: Sendable {
    /// Relative weights of the 63 pre-2025 codes; a code not listed weighs `defaultWeight`.
    static let weights: [String: Double] = [
        "01": 8, "79": 6, "38": 5, "40": 5, "34": 4, "36": 4, "30": 3.5, "31": 3, "42": 3, "33": 2.5,
        "35": 2, "37": 2, "24": 2.5, "27": 2, "26": 2, "25": 2.5, "49": 3, "44": 2, "45": 1.5, "46": 2.5,
        "48": 1.5, "51": 2.5, "52": 3, "54": 1.5, "56": 1.5, "89": 2, "91": 2, "92": 1.5, "87": 2,
        "82": 2, "83": 2, "86": 1.5, "80": 2, "04": 0.6, "11": 0.4, "12": 0.3, "14": 0.6, "02": 0.5,
        "10": 0.5, "62": 0.4, "67": 0.4,
    ]
    static let defaultWeight = 1.2

    /// Birth registered abroad (FACTS §2a: country codes 101–295), rare among pensioners.
    public static let foreignCodes = ["103", "112", "125", "156", "184", "216"]
    /// The share of ID numbers with a foreign prefix.
    public static let foreignShare = 0.004

    /// Every prefix the generator may draw: "0" + each of the 63 legacy codes, then the foreign ones.
    public static let table: WeightedTable<String> = {
        let domestic = AdministrativeUnits.legacyCodes.map { ("0" + $0, weights[$0] ?? defaultWeight) }
        let domesticTotal = domestic.reduce(0) { $0 + $1.1 }
        let foreignEach = domesticTotal * foreignShare / (1 - foreignShare) / Double(foreignCodes.count)
        return WeightedTable(domestic + foreignCodes.map { ($0, foreignEach) })
    }()
}
