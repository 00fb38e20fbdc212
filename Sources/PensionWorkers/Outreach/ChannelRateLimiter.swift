import PensionDomain
import Synchronization

/// Per-channel token buckets in front of the notice gateway, shared by every send of one worker process.
///
/// Time comes from `now` (a monotonic reading since a fixed origin) and waiting from `sleep`, both
/// injectable, so tests drive it without real delays. Each process limits itself; the fleet's rate is
/// the sum over its processes.
public final class ChannelRateLimiter: Sendable {
    private let buckets: Mutex<[NoticeChannel: TokenBucket]>
    private let now: @Sendable () -> Duration
    private let sleep: @Sendable (Duration) async throws -> Void

    /// Creates a limiter; channels without a limit are not limited.
    public init(limits: [NoticeChannel: ChannelRateLimit],
                now: @escaping @Sendable () -> Duration = { ContinuousClock.now - ChannelRateLimiter.origin },
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.buckets = Mutex(limits.mapValues { TokenBucket(capacity: $0.burst, refillPerSecond: $0.perSecond) })
        self.now = now
        self.sleep = sleep
    }

    /// The origin of the default clock.
    public static let origin = ContinuousClock.now

    /// Waits until a notice may go out on `channel`, then takes its token.
    public func acquire(_ channel: NoticeChannel) async throws {
        while true {
            let wait: Duration? = buckets.withLock { buckets in
                guard var bucket = buckets[channel] else { return nil }
                defer { buckets[channel] = bucket }
                return bucket.take(now: now())
            }
            guard let wait else { return }
            try await sleep(wait)
        }
    }
}

/// The rate allowed on one channel: a sustained rate and a burst.
public struct ChannelRateLimit: Sendable, Hashable {
    /// Notices per second, sustained.
    public var perSecond: Double
    /// Notices that may go out at once.
    public var burst: Double

    /// Creates a limit (burst defaults to one second's worth).
    public init(perSecond: Double, burst: Double? = nil) {
        self.perSecond = perSecond
        self.burst = burst ?? max(1, perSecond)
    }
}
