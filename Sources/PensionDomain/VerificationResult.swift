import Foundation

/// An outcome plus the non-blocking warnings found along the way.
public struct VerificationResult: Hashable, Sendable {
    /// What was decided.
    public var outcome: VerificationOutcome
    /// Anomalies for an officer to review; they never change the outcome.
    public var warnings: [IdentityWarning]

    /// Creates a result.
    public init(outcome: VerificationOutcome, warnings: [IdentityWarning] = []) {
        self.outcome = outcome
        self.warnings = warnings
    }
}
