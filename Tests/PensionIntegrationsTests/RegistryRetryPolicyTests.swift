import PensionIntegrations
import Testing

@Suite struct RegistryRetryPolicyTests {
    let policy = RegistryRetryPolicy(
        maxAttempts: 4, baseDelay: .milliseconds(100), maxDelay: .milliseconds(350), maxRetryAfter: .seconds(5))
    static let server = RegistryHTTPError(.serverError, "server error", status: 503)

    @Test func ceilingDoublesAndIsCapped() {
        #expect(policy.backoffCeiling(afterFailedAttempt: 1) == .milliseconds(100))
        #expect(policy.backoffCeiling(afterFailedAttempt: 2) == .milliseconds(200))
        #expect(policy.backoffCeiling(afterFailedAttempt: 3) == .milliseconds(350))
        #expect(policy.backoffCeiling(afterFailedAttempt: 60) == .milliseconds(350))
        #expect(policy.backoffCeiling(afterFailedAttempt: 0) == .milliseconds(100))
    }

    @Test func fullJitterStaysWithinTheCeilingAndSpreads() {
        var generator = SeededGenerator(seed: 42)
        var delays: Set<Duration> = []
        for _ in 0..<500 {
            guard case .retry(let delay) = policy.decision(afterFailedAttempt: 2, failure: Self.server, using: &generator) else {
                Issue.record("expected a retry")
                return
            }
            #expect(delay >= .zero && delay <= .milliseconds(200))
            delays.insert(delay)
        }
        #expect(delays.count > 400, "full jitter spreads the delays")
        #expect(delays.contains { $0 < .milliseconds(50) } && delays.contains { $0 > .milliseconds(150) })
    }

    @Test func jitterIsRepeatableWithTheSameSeed() {
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
        for attempt in 1...3 {
            #expect(policy.decision(afterFailedAttempt: attempt, failure: Self.server, using: &a)
                == policy.decision(afterFailedAttempt: attempt, failure: Self.server, using: &b))
        }
    }

    @Test(arguments: [
        RegistryHTTPError(.serverError, "x", status: 500),
        RegistryHTTPError(.throttled, "x", status: 429),
        RegistryHTTPError(.timeout, "x"),
        RegistryHTTPError(.connectionFailed, "x"),
    ])
    func transientFailuresAreRetriedUntilTheBound(failure: RegistryHTTPError) {
        var generator = SeededGenerator(seed: 1)
        for attempt in 1...3 {
            #expect(policy.decision(afterFailedAttempt: attempt, failure: failure, using: &generator) != .giveUp)
        }
        #expect(policy.decision(afterFailedAttempt: 4, failure: failure, using: &generator) == .giveUp)
        #expect(policy.decision(afterFailedAttempt: 9, failure: failure, using: &generator) == .giveUp)
    }

    @Test(arguments: [
        RegistryHTTPError(.unauthorized, "x", status: 401),
        RegistryHTTPError(.clientError, "x", status: 400),
        RegistryHTTPError(.malformedResponse, "x"),
        RegistryHTTPError(.cancelled, "x"),
    ])
    func permanentFailuresAreNotRetried(failure: RegistryHTTPError) {
        var generator = SeededGenerator(seed: 1)
        #expect(policy.decision(afterFailedAttempt: 1, failure: failure, using: &generator) == .giveUp)
    }

    @Test func retryAfterIsHonouredExactly() {
        var generator = SeededGenerator(seed: 3)
        let throttled = RegistryHTTPError(.throttled, "x", status: 429, retryAfter: .seconds(2))
        #expect(policy.decision(afterFailedAttempt: 1, failure: throttled, using: &generator) == .retry(after: .seconds(2)))
        let unavailable = RegistryHTTPError(.serverError, "x", status: 503, retryAfter: .seconds(1))
        #expect(policy.decision(afterFailedAttempt: 1, failure: unavailable, using: &generator) == .retry(after: .seconds(1)))
    }

    @Test func retryAfterAboveTheCapGivesUpRatherThanCallingEarly() {
        var generator = SeededGenerator(seed: 3)
        let throttled = RegistryHTTPError(.throttled, "x", status: 429, retryAfter: .seconds(60))
        #expect(policy.decision(afterFailedAttempt: 1, failure: throttled, using: &generator) == .giveUp)
    }

    @Test func dontRetryNeverRetries() {
        #expect(RegistryRetryPolicy.dontRetry.decision(afterFailedAttempt: 1, failure: Self.server) == .giveUp)
    }

    @Test func zeroBaseDelayRetriesImmediately() {
        let immediate = RegistryRetryPolicy(maxAttempts: 2, baseDelay: .zero, maxDelay: .zero)
        #expect(immediate.decision(afterFailedAttempt: 1, failure: Self.server) == .retry(after: .zero))
    }

    @Test func failureClassification() {
        #expect(RegistryHTTPError(.throttled, "x").countsAgainstHealth)
        #expect(RegistryHTTPError(.malformedResponse, "x").countsAgainstHealth)
        #expect(!RegistryHTTPError(.malformedResponse, "x").isTransient)
        #expect(!RegistryHTTPError(.unauthorized, "x").countsAgainstHealth)
        #expect(!RegistryHTTPError(.cancelled, "x").countsAgainstHealth)
    }
}
