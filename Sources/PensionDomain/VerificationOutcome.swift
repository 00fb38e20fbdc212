import Foundation

/// The result of checking one beneficiary against the registry.
public enum VerificationOutcome: Hashable, Sendable {
    /// Name, birth date and sex agree (where known): payment may go ahead.
    case verified
    /// The listed fields disagree, in the fixed order name, date of birth, sex.
    case mismatch(fields: [IdentityField])
    /// The registry has no person with this ID.
    case notFound
    /// The registry records a death; the date when known.
    case deceased(dateOfDeath: PartialDate?)
    /// The task itself was unusable; `reason` is officer-facing and free of personal data.
    case invalid(reason: String)

    /// The label used in metrics and reports.
    public var kind: OutcomeKind {
        switch self {
        case .verified: .verified
        case .mismatch: .mismatch
        case .notFound: .notFound
        case .deceased: .deceased
        case .invalid: .invalid
        }
    }

    /// True when the payment must be held for an officer: everything except `verified`.
    public var holdsPayment: Bool { self != .verified }
}
