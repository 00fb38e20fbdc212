import Foundation

/// What to do with a delivered message after handling it.
public enum DeliveryDecision: Hashable, Sendable {
    /// Done: acknowledge and forget.
    case ack
    /// Re-deliver later through the delay queue `delayIndex`; `nextAttempt` is the 1-based attempt number it will be.
    case retry(delayIndex: Int, delay: Duration, nextAttempt: Int)
    /// Move to the parking queue for an operator; `reason` is free of personal data.
    case park(reason: String)
}
