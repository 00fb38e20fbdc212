/// How many beneficiaries one of the 34 provinces pays, how many of them by bank, and its communes.
///
/// Figures follow FACTS.md §6 and §9: Hà Nội ≈ 600k (99.5 % cashless), TP HCM ≈ 340k (85.5 %),
/// Bắc Ninh ≈ 100k (95 %), mountain provinces at 55–62 %; the rest is spread by population so the
/// country totals 3.4 M at ≈ 81 % cashless. Commune counts are those of the 3,321 commune-level
/// units of 01/07/2025 (Decision 19/2025/QĐ-TTg), as reported by the press; treat them as approximate.
public struct ProvinceProfile: Sendable, Hashable {
    /// The current two-digit province code.
    public let code: String
    /// Beneficiaries paid here, in thousands (the weight of the province in a national roster).
    public let thousands: Int
    /// The share of beneficiaries paid by bank.
    public let cashlessShare: Double
    /// Commune-level units in the province.
    public let communeCount: Int
    /// The position of the province's first commune in the national commune list.
    public let firstCommuneIndex: Int

    /// Spacing of synthetic commune codes: 3,321 communes spread over 00001–33201, so codes look like
    /// the real ones (which kept the sparse codes of the pre-2025 communes) and never collide.
    public static let communeCodeStride = 10

    /// The five-digit code of the province's commune number `index` (0-based, `< communeCount`).
    public func communeCode(_ index: Int) -> String {
        precondition((0..<communeCount).contains(index), "commune index out of range")
        let number = 1 + Self.communeCodeStride * (firstCommuneIndex + index)
        let digits = String(number)
        return String(repeating: "0", count: 5 - digits.count) + digits
    }

    /// The 34 provinces, in code order.
    public static let all: [ProvinceProfile] = {
        let table: [(String, Int, Double, Int)] = [
            ("01", 600, 0.995, 126), ("04", 22, 0.55, 56), ("08", 45, 0.60, 124), ("11", 14, 0.55, 45),
            ("12", 8, 0.55, 38), ("14", 28, 0.56, 75), ("15", 42, 0.62, 99), ("19", 85, 0.78, 92),
            ("20", 30, 0.58, 65), ("22", 80, 0.88, 54), ("24", 100, 0.95, 99), ("25", 150, 0.80, 148),
            ("31", 160, 0.90, 114), ("33", 130, 0.82, 104), ("37", 170, 0.80, 129), ("38", 150, 0.70, 166),
            ("40", 140, 0.70, 130), ("42", 65, 0.68, 69), ("44", 65, 0.70, 78), ("46", 45, 0.78, 40),
            ("48", 100, 0.86, 94), ("51", 55, 0.68, 96), ("52", 80, 0.65, 135), ("56", 60, 0.80, 65),
            ("66", 70, 0.66, 102), ("68", 85, 0.72, 124), ("75", 90, 0.82, 95), ("79", 340, 0.855, 168),
            ("80", 60, 0.80, 96), ("82", 65, 0.72, 102), ("86", 80, 0.72, 124), ("91", 75, 0.68, 102),
            ("92", 75, 0.75, 103), ("96", 36, 0.66, 64),
        ]
        var first = 0
        return table.map { code, thousands, share, communes in
            defer { first += communes }
            return ProvinceProfile(code: code, thousands: thousands, cashlessShare: share,
                                   communeCount: communes, firstCommuneIndex: first)
        }
    }()

    /// The national mix, weighted by beneficiaries.
    public static let table = WeightedTable(all.map { ($0, Double($0.thousands)) })
}
