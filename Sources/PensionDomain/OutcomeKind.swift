import Foundation

/// The outcome of a verification without its details: a fixed, small label set for metrics and reports.
public enum OutcomeKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// The registry agrees with BHXH.
    case verified
    /// The registry disagrees on one or more fields.
    case mismatch
    /// The registry has no such ID.
    case notFound = "not_found"
    /// The registry records a death.
    case deceased
    /// The input could not be verified at all (bad ID, empty name …).
    case invalid
}
