import Foundation

/// A pure retry ladder: a fixed list of delays, one per retry rung (one delay queue per rung on the broker).
public struct RetryPolicy: Hashable, Sendable {
    /// The delays of the rungs, in order; their count is the number of retries after the first attempt.
    public var delays: [Duration]

    /// Creates a policy; the default ladder is 5 s, 30 s, 5 min.
    public init(delays: [Duration] = [.seconds(5), .seconds(30), .seconds(300)]) {
        self.delays = delays
    }

    /// The default ladder.
    public static let standard = RetryPolicy()
    /// Never retry: every failure is parked.
    public static let dontRetry = RetryPolicy(delays: [])

    /// Decides after a failed attempt.
    ///
    /// - Parameters:
    ///   - attempt: how many attempts have been made so far, 1-based (values below 1 are treated as 1).
    ///   - transient: whether trying again may help (timeouts, 5xx); permanent failures are parked at once.
    ///   - reason: why it failed, free of personal data.
    public func decision(afterFailedAttempt attempt: Int, transient: Bool, reason: String) -> DeliveryDecision {
        let attempt = max(1, attempt)
        guard transient else { return .park(reason: reason) }
        guard attempt <= delays.count else {
            return .park(reason: "gave up after \(attempt) attempts: \(reason)")
        }
        let rung = min(attempt - 1, delays.count - 1)
        return .retry(delayIndex: rung, delay: delays[rung], nextAttempt: attempt + 1)
    }
}
