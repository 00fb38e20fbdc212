import Foundation

/// A token-bucket rate limiter for one gateway channel, as a pure value: the caller passes the time.
///
/// The bucket starts full, so up to `capacity` notices may go out at once; afterwards tokens come back at
/// `refillPerSecond`. Time is any monotonic reading in seconds (or a `Duration` since a fixed origin,
/// e.g. `clock.now - start` for a `ContinuousClock`), so tests drive it without sleeping.
public struct TokenBucket: Hashable, Sendable {
    /// The most tokens the bucket holds (the burst size), at least 1.
    public let capacity: Double
    /// Tokens added per second (the sustained rate); at least one token per 10^6 seconds.
    public let refillPerSecond: Double
    /// Tokens available at `lastUpdate`.
    public private(set) var tokens: Double
    /// The time of the last refill, in the caller's seconds; nil before the first call.
    public private(set) var lastUpdate: Double?

    /// Floating-point slack, so a caller who waits exactly the returned duration is let through.
    static let epsilon = 1e-9

    /// Creates a full bucket.
    public init(capacity: Double, refillPerSecond: Double) {
        self.capacity = max(1, capacity.isFinite ? capacity : 1)
        self.refillPerSecond = max(1e-6, refillPerSecond.isFinite ? refillPerSecond : 1e-6)
        self.tokens = self.capacity
        self.lastUpdate = nil
    }

    /// Takes one token at `now` (seconds): returns nil when the send may go ahead, otherwise how long to
    /// wait before trying again. A refused call takes nothing.
    ///
    /// A reading earlier than the last one (a clock that went back) adds no tokens.
    public mutating func take(now: Double) -> Duration? {
        refill(now: now)
        if tokens >= 1 - Self.epsilon {
            tokens = max(0, tokens - 1)
            return nil
        }
        let seconds = (1 - tokens) / refillPerSecond
        return .nanoseconds(Int64(min(seconds * 1e9, 9e18).rounded(.up)))
    }

    /// Like `take(now:)` with the time as a `Duration` since a fixed origin.
    public mutating func take(now: Duration) -> Duration? {
        take(now: Self.seconds(now))
    }

    /// The tokens that would be available at `now`, without taking any.
    public func available(at now: Double) -> Double {
        var copy = self
        copy.refill(now: now)
        return copy.tokens
    }

    mutating func refill(now: Double) {
        guard now.isFinite else { return }
        if let lastUpdate {
            guard now > lastUpdate else { return }
            tokens = min(capacity, tokens + (now - lastUpdate) * refillPerSecond)
        }
        lastUpdate = now
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
