/// Bounded in-call retries of one registry request: exponential back-off with full jitter, honouring
/// `Retry-After` up to a cap. A pure value: it decides, the client sleeps.
///
/// These retries ride out blips of a second or two; longer outages are the worker's business (its own
/// retry ladder re-delivers the task later), so the bounds are deliberately small.
public struct RegistryRetryPolicy: Hashable, Sendable {
    /// Total attempts per request, the first included (1 = never retry).
    public var maxAttempts: Int
    /// Ceiling of the first back-off; doubles on each further retry.
    public var baseDelay: Duration
    /// Largest back-off ceiling.
    public var maxDelay: Duration
    /// Longest `Retry-After` the client will wait; a longer one ends the call at once (the worker
    /// retries later), so a throttled registry is never hammered earlier than it asked.
    public var maxRetryAfter: Duration

    /// Creates a policy; defaults: 3 attempts, 200 ms base, 2 s max back-off, 10 s max `Retry-After`.
    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(2),
        maxRetryAfter: Duration = .seconds(10)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Never retry within a call.
    public static let dontRetry = RegistryRetryPolicy(maxAttempts: 1)

    /// What to do after a failed attempt.
    public enum Decision: Hashable, Sendable {
        /// Try again after this delay.
        case retry(after: Duration)
        /// Stop and report the registry unavailable.
        case giveUp
    }

    /// Decides after a failed attempt.
    ///
    /// - Parameters:
    ///   - attempt: attempts made so far, 1-based (values below 1 count as 1).
    ///   - failure: why the attempt failed.
    ///   - generator: the source of jitter (inject a seeded one in tests).
    public func decision(
        afterFailedAttempt attempt: Int, failure: RegistryHTTPError, using generator: inout some RandomNumberGenerator
    ) -> Decision {
        let attempt = max(1, attempt)
        guard failure.isTransient, attempt < maxAttempts else { return .giveUp }
        if let retryAfter = failure.retryAfter {
            guard retryAfter <= maxRetryAfter else { return .giveUp }
            return .retry(after: max(retryAfter, .zero))
        }
        let ceiling = backoffCeiling(afterFailedAttempt: attempt)
        let ceilingNanos = Self.nanoseconds(ceiling)
        guard ceilingNanos > 0 else { return .retry(after: .zero) }
        return .retry(after: .nanoseconds(Int64.random(in: 0...ceilingNanos, using: &generator)))
    }

    /// Decides with the system's random generator.
    public func decision(afterFailedAttempt attempt: Int, failure: RegistryHTTPError) -> Decision {
        var generator = SystemRandomNumberGenerator()
        return decision(afterFailedAttempt: attempt, failure: failure, using: &generator)
    }

    /// The full-jitter ceiling after `attempt` failed attempts: `min(maxDelay, baseDelay × 2^(attempt−1))`.
    public func backoffCeiling(afterFailedAttempt attempt: Int) -> Duration {
        let exponent = min(max(0, attempt - 1), 30)
        let base = Self.nanoseconds(baseDelay)
        let cap = Self.nanoseconds(maxDelay)
        let (scaled, overflow) = base.multipliedReportingOverflow(by: Int64(1) << exponent)
        return .nanoseconds(overflow ? cap : min(cap, scaled))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? 0 : .max }
        return max(0, scaled + attoseconds / 1_000_000_000)
    }
}
