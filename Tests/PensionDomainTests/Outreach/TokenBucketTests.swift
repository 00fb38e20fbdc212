import Foundation
import Testing
@testable import PensionDomain

@Suite("TokenBucket")
struct TokenBucketTests {
    @Test func burstThenWait() {
        var bucket = TokenBucket(capacity: 3, refillPerSecond: 1)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == .seconds(1))
        #expect(bucket.take(now: 0.5) == .milliseconds(500))
        #expect(bucket.take(now: 1) == nil)
        #expect(bucket.take(now: 1) == .seconds(1))
    }

    @Test func refusedTakesConsumeNothing() {
        var bucket = TokenBucket(capacity: 1, refillPerSecond: 2)
        #expect(bucket.take(now: 10) == nil)
        for _ in 0..<5 { #expect(bucket.take(now: 10) == .milliseconds(500)) }
        #expect(bucket.take(now: 10.5) == nil)
    }

    @Test func refillIsCappedAtCapacity() {
        var bucket = TokenBucket(capacity: 2, refillPerSecond: 10)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.available(at: 1_000) == 2)
        #expect(bucket.take(now: 1_000) == nil)
        #expect(bucket.take(now: 1_000) == nil)
        #expect(bucket.take(now: 1_000) == .milliseconds(100))
    }

    @Test func clockGoingBackAddsNothing() {
        var bucket = TokenBucket(capacity: 1, refillPerSecond: 1)
        #expect(bucket.take(now: 100) == nil)
        #expect(bucket.take(now: 50) == .seconds(1))
        #expect(bucket.lastUpdate == 100)
        #expect(bucket.take(now: 100.999) != nil)
        #expect(bucket.take(now: 101) == nil)
    }

    @Test func durationTimeline() {
        var bucket = TokenBucket(capacity: 1, refillPerSecond: 4)
        #expect(bucket.take(now: Duration.seconds(0)) == nil)
        #expect(bucket.take(now: Duration.milliseconds(100)) == .milliseconds(150))
        #expect(bucket.take(now: Duration.milliseconds(250)) == nil)
    }

    @Test func continuousClockReadings() {
        let clock = ContinuousClock()
        let origin = clock.now
        var bucket = TokenBucket(capacity: 5, refillPerSecond: 1)
        #expect(bucket.take(now: clock.now - origin) == nil)
    }

    @Test func waitingExactlyTheReturnedDurationSucceeds() {
        // 1/3 s and 1/7 s are not exact in binary floating point.
        for rate in [3.0, 7.0, 0.3] {
            var bucket = TokenBucket(capacity: 1, refillPerSecond: rate)
            var now = 0.0
            #expect(bucket.take(now: now) == nil)
            for _ in 0..<500 {
                guard let wait = bucket.take(now: now) else {
                    Issue.record("expected a wait at \(now)")
                    break
                }
                now += TokenBucket.seconds(wait)
                #expect(bucket.take(now: now) == nil)
            }
        }
    }

    @Test func sustainedRateIsRespected() {
        // A sender that always waits as told, over 10 s at 20/s with a burst of 5, sends at most 5 + 200.
        var bucket = TokenBucket(capacity: 5, refillPerSecond: 20)
        var now = 0.0, sent = 0
        while now <= 10 {
            if let wait = bucket.take(now: now) {
                now += TokenBucket.seconds(wait)
            } else {
                sent += 1
            }
        }
        #expect(sent >= 200)
        #expect(sent <= 205)
    }

    @Test func invalidSettingsAreClamped() {
        var bucket = TokenBucket(capacity: 0, refillPerSecond: 0)
        #expect(bucket.capacity == 1)
        #expect(bucket.refillPerSecond == 1e-6)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == .seconds(1_000_000))
        #expect(TokenBucket(capacity: .infinity, refillPerSecond: .nan).capacity == 1)
        #expect(bucket.take(now: .nan) == .seconds(1_000_000))
    }
}
