import Foundation

/// The legal limits on payment authorisations, configurable because the sources disagree
/// (FACTS §0: 30/06/2026 nationally, 30/06/2025 in Hanoi's notice).
public struct AuthorisationPolicy: Hashable, Sendable {
    /// 30/06/2026: the last day on which authorisations made under the 2014 law are honoured.
    public static let defaultLegacyLapseDate = PartialDate(year: 2026, month: 6, day: 30)!
    /// 01/07/2025: Luật BHXH 2024 takes effect; authorisations made before it are old-law ones.
    public static let defaultNewLawEffectiveDate = PartialDate(year: 2025, month: 7, day: 1)!

    /// The last valid day of old-law authorisations (a partial date means its last possible day).
    public var legacyLapseDate: PartialDate
    /// The first day of the new law (a partial date means its first possible day).
    public var newLawEffectiveDate: PartialDate
    /// The longest a new-law authorisation may run, in months.
    public var maximumMonths: Int

    /// Creates a policy; the defaults are the national rules.
    public init(legacyLapseDate: PartialDate = defaultLegacyLapseDate,
                newLawEffectiveDate: PartialDate = defaultNewLawEffectiveDate,
                maximumMonths: Int = 12) {
        self.legacyLapseDate = legacyLapseDate
        self.newLawEffectiveDate = newLawEffectiveDate
        self.maximumMonths = max(0, maximumMonths)
    }

    /// The national defaults: lapse on 2026-06-30, new law from 2025-07-01, 12 months.
    public static let standard = AuthorisationPolicy()

    /// True when an authorisation granted on `day` was made under the old (2014) law.
    public func isOldLaw(grantedOn day: PartialDate) -> Bool {
        CivilDay(day) < CivilDay(newLawEffectiveDate)
    }

    var lapseDay: CivilDay { CivilDay(legacyLapseDate, roundingUp: true) }
}
