import PensionIntegrations
import PensionTesting
import Testing

@Suite struct CircuitBreakerTests {
    let start = ContinuousClock.now
    func breaker(threshold: Int = 3, coolDown: Duration = .seconds(10)) -> CircuitBreaker {
        CircuitBreaker(configuration: .init(failureThreshold: threshold, coolDown: coolDown))
    }

    @Test func startsClosedAndAllowsCalls() {
        var b = breaker()
        #expect(b.state == .closed(consecutiveFailures: 0))
        #expect(b.admit(now: start) == .allowed)
        #expect(!b.isRejecting(now: start))
    }

    @Test func opensAfterThresholdConsecutiveFailures() {
        var b = breaker(threshold: 3)
        b.recordFailure(now: start)
        b.recordFailure(now: start)
        #expect(b.state == .closed(consecutiveFailures: 2))
        #expect(b.admit(now: start) == .allowed)
        b.recordFailure(now: start)
        #expect(b.state == .open(until: start.advanced(by: .seconds(10))))
        #expect(b.admit(now: start) == .rejected)
        #expect(b.admit(now: start.advanced(by: .seconds(9))) == .rejected)
        #expect(b.isRejecting(now: start.advanced(by: .seconds(9))))
    }

    /// A flaky but working peer must not trip the default breaker; a dead one must, quickly.
    @Test func defaultsRideOutATwentyPercentErrorRateButOpenOnADeadPeer() {
        var random = SeededGenerator(seed: 20261126)
        var flaky = CircuitBreaker()
        var opened = 0
        for _ in 0..<20_000 {
            guard flaky.admit(now: start) != .rejected else { opened += 1; break }
            if Double(random.next() % 1000) < 200 { flaky.recordFailure(now: start) } else { flaky.recordSuccess() }
        }
        #expect(opened == 0)

        var dead = CircuitBreaker()
        var calls = 0
        while dead.admit(now: start) != .rejected {
            calls += 1
            dead.recordFailure(now: start)
        }
        #expect(calls == 10)
    }

    @Test func successResetsTheCount() {
        var b = breaker(threshold: 3)
        b.recordFailure(now: start)
        b.recordFailure(now: start)
        b.recordSuccess()
        b.recordFailure(now: start)
        b.recordFailure(now: start)
        #expect(b.state == .closed(consecutiveFailures: 2))
    }

    @Test func halfOpensAfterCoolDownWithASingleProbe() {
        var b = breaker(threshold: 1)
        b.recordFailure(now: start)
        let later = start.advanced(by: .seconds(10))
        #expect(!b.isRejecting(now: later))
        #expect(b.admit(now: later) == .probe)
        #expect(b.state == .halfOpen(probeInFlight: true))
        #expect(b.admit(now: later) == .rejected, "only one probe at a time")
        #expect(b.isRejecting(now: later))
    }

    @Test func successfulProbeCloses() {
        var b = breaker(threshold: 1)
        b.recordFailure(now: start)
        #expect(b.admit(now: start.advanced(by: .seconds(11))) == .probe)
        b.recordSuccess()
        #expect(b.state == .closed(consecutiveFailures: 0))
        #expect(b.admit(now: start.advanced(by: .seconds(11))) == .allowed)
    }

    @Test func failedProbeReopensForAFreshCoolDown() {
        var b = breaker(threshold: 1)
        b.recordFailure(now: start)
        let probeTime = start.advanced(by: .seconds(12))
        #expect(b.admit(now: probeTime) == .probe)
        b.recordFailure(now: probeTime)
        #expect(b.state == .open(until: probeTime.advanced(by: .seconds(10))))
        #expect(b.admit(now: probeTime.advanced(by: .seconds(5))) == .rejected)
        #expect(b.admit(now: probeTime.advanced(by: .seconds(10))) == .probe)
    }

    @Test func neutralOutcomeReleasesTheProbeSlot() {
        var b = breaker(threshold: 1)
        b.recordFailure(now: start)
        let later = start.advanced(by: .seconds(10))
        #expect(b.admit(now: later) == .probe)
        b.recordNeutral()
        #expect(b.state == .halfOpen(probeInFlight: false))
        #expect(b.admit(now: later) == .probe)
    }

    @Test func neutralOutcomeDoesNotTouchAClosedBreaker() {
        var b = breaker(threshold: 3)
        b.recordFailure(now: start)
        b.recordNeutral()
        #expect(b.state == .closed(consecutiveFailures: 1))
    }

    @Test func lateOutcomesWhileOpenChangeNothing() {
        var b = breaker(threshold: 1)
        b.recordFailure(now: start)
        let open = b.state
        b.recordSuccess()
        b.recordFailure(now: start.advanced(by: .seconds(5)))
        #expect(b.state == open)
    }

    @Test func thresholdBelowOneActsAsOne() {
        var b = breaker(threshold: 0)
        b.recordFailure(now: start)
        #expect(b.admit(now: start) == .rejected)
    }
}

