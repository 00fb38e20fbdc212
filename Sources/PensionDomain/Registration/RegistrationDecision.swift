import Foundation

/// What the register worker does with one request.
public enum RegistrationDecision: Hashable, Sendable, CustomStringConvertible {
    /// The account is accepted; payment switches to `bank` from `effectivePeriod`.
    case registered(effectivePeriod: Period)
    /// The request is refused for good; see `RegistrationReason.rejectionReasons`.
    case rejected(reason: RegistrationReason)
    /// An officer must decide (`shared_account`); never silently accepted.
    case review(reason: RegistrationReason)
    /// Nothing is decided yet (`verification_pending`); the task is to be retried.
    case retryLater(reason: RegistrationReason)

    /// The decision without its details, for metrics and reports.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// `registered`.
        case registered
        /// `rejected`.
        case rejected
        /// `review`.
        case review
        /// `retry_later`.
        case retryLater = "retry_later"
    }

    /// The kind.
    public var kind: Kind {
        switch self {
        case .registered: .registered
        case .rejected: .rejected
        case .review: .review
        case .retryLater: .retryLater
        }
    }

    /// The reason code, or nil for `registered`.
    public var reason: RegistrationReason? {
        switch self {
        case .registered: nil
        case .rejected(let reason), .review(let reason), .retryLater(let reason): reason
        }
    }

    /// The effective period of a registration.
    public var effectivePeriod: Period? {
        if case .registered(let period) = self { return period }
        return nil
    }

    /// True when the decision should be recorded as the request's one outcome (everything but `retryLater`).
    public var isFinal: Bool { kind != .retryLater }

    /// `registered from 2026-12`, `rejected: card_number`, `review: shared_account`, `retry_later: verification_pending`.
    public var description: String {
        switch self {
        case .registered(let period): "registered from \(period)"
        case .rejected(let reason), .review(let reason), .retryLater(let reason): "\(kind.rawValue): \(reason)"
        }
    }
}
