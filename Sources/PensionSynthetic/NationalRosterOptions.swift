import PensionDomain

/// Settings of a synthetic national roster: its size, seed, first period and the rates of the
/// injected failure modes of FACTS.md §9 (all rates are per person unless said otherwise).
public struct NationalRosterOptions: Sendable, Hashable {
    /// How many beneficiaries (3.41 M nationally at the end of May 2025, FACTS §6).
    public var people: Int
    /// Same seed, same people, row for row.
    public var seed: UInt64
    /// Month 1: the period the roster is first imported for; ages are counted from its year.
    public var firstPeriod: Period

    /// Roster rows with the old 9-digit CMND instead of the personal ID (refused).
    public var oldCMNDRate = 0.004
    /// Roster rows with a date of birth that does not exist (refused).
    public var impossibleBirthDateRate = 0.002
    /// Bank-paid rows whose account has fewer than 6 characters (refused).
    public var shortAccountRate = 0.002
    /// Bank-paid rows with a BIN missing from the bank directory (refused).
    public var unknownBINRate = 0.001
    /// Bank-paid rows holding a card number instead of an account (accepted with a warning).
    public var cardNumberRate = 0.01
    /// Bank-paid rows holding an e-wallet pseudo-account (accepted with a warning).
    public var eWalletRate = 0.004
    /// People the registry does not know.
    public var missingFromRegistryRate = 0.015
    /// Registry rows whose name is written differently but must still match.
    public var nameNoiseRate = 0.12
    /// Registry rows with another birth year.
    public var birthDateMismatchRate = 0.01
    /// Registry rows with another given name.
    public var nameMismatchRate = 0.005
    /// Deaths that happened before month 1 but are still on the roster (listed from month 1).
    public var pendingDeathRate = 0.01
    /// Average deaths per month among beneficiaries (≈ 3 % a year, FACTS §9, UNCONFIRMED), scaled by age.
    public var monthlyDeathRate = 0.0025
    /// People with a mobile phone on the roster.
    public var phoneShare = 0.7
    /// People whose old 10-digit BHXH code is still on the roster.
    public var legacyBHXHShare = 0.3
    /// Rows that write a pre-2025 province code (mapped by the importer).
    public var legacyProvinceCodeShare = 0.03

    /// The national default: 3.4 M people, first period 2026-11.
    public init(people: Int = 3_400_000, seed: UInt64 = 2026, firstPeriod: Period = Period(year: 2026, month: 11)!) {
        precondition(people >= 0, "people must not be negative")
        self.people = people
        self.seed = seed
        self.firstPeriod = firstPeriod
    }

    /// The period of month `month` (1 = `firstPeriod`).
    public func period(month: Int) -> Period {
        precondition(month >= 1, "months count from 1")
        var period = firstPeriod
        for _ in 1..<month { period = period.next }
        return period
    }
}
