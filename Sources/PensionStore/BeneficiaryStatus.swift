/// Whether a beneficiary is paid this period.
public enum BeneficiaryStatus: String, Sendable, Codable, CaseIterable {
    /// Paid as usual.
    case active
    /// Payment held for review (any verification outcome but `verified`).
    case hold
    /// Reported dead by the registry; never returns to `active` automatically.
    case deceased
}
