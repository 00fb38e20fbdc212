/// An age band of the beneficiary population, with what depends on age: the chance of being paid
/// in cash and of dying in a given month, both relative to the average beneficiary.
public struct AgeBand: Sendable, Hashable {
    /// Youngest age in the band.
    public let lowest: Int
    /// Oldest age in the band.
    public let highest: Int
    /// Cash skews to the oldest (FACTS §9): a province's cash share is scaled by this factor.
    public let cashFactor: Double
    /// Relative monthly death rate.
    public let mortalityFactor: Double
    /// The share of men: adult survivors below retirement age are mostly widows.
    public var maleShare: Double { lowest >= 18 && lowest < 55 ? 0.3 : 0.5 }

    /// The age range.
    public var ages: ClosedRange<Int> { lowest...highest }

    /// The bands with their share of beneficiaries (per mille).
    ///
    /// Pensioner life expectancy is ~78 and retirement ages were 60 (men) and 55 (women) before
    /// 2021 (FACTS §9), so the mass sits at 60–85 with a tail past 100. Survivor benefits (tuất)
    /// add minors and younger adults; early retirement and the old "mất sức lao động" benefit add
    /// people in their fifties. The factors average ≈ 1 over these shares.
    public static let table = WeightedTable<AgeBand>([
        (AgeBand(lowest: 3, highest: 17, cashFactor: 0.7, mortalityFactor: 0.05), 25),   // survivor minors
        (AgeBand(lowest: 30, highest: 54, cashFactor: 0.7, mortalityFactor: 0.2), 35),   // survivors, disability
        (AgeBand(lowest: 55, highest: 59, cashFactor: 0.7, mortalityFactor: 0.3), 60),
        (AgeBand(lowest: 60, highest: 64, cashFactor: 0.55, mortalityFactor: 0.35), 150),
        (AgeBand(lowest: 65, highest: 69, cashFactor: 0.55, mortalityFactor: 0.5), 190),
        (AgeBand(lowest: 70, highest: 74, cashFactor: 0.9, mortalityFactor: 0.75), 180),
        (AgeBand(lowest: 75, highest: 79, cashFactor: 1.1, mortalityFactor: 1.1), 135),
        (AgeBand(lowest: 80, highest: 84, cashFactor: 1.5, mortalityFactor: 1.7), 105),
        (AgeBand(lowest: 85, highest: 89, cashFactor: 2.0, mortalityFactor: 2.6), 70),
        (AgeBand(lowest: 90, highest: 94, cashFactor: 2.5, mortalityFactor: 4.0), 35),
        (AgeBand(lowest: 95, highest: 99, cashFactor: 2.8, mortalityFactor: 6.0), 12),
        (AgeBand(lowest: 100, highest: 105, cashFactor: 3.0, mortalityFactor: 8.0), 3),
    ])
}
