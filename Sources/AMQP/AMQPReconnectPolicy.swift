/// How long to wait before the next attempt to reach the broker: exponential back-off with
/// "equal" jitter (a random delay in the upper half of the ceiling), capped, so a fleet of workers does not reconnect in lock-step after a restart.
public struct AMQPReconnectPolicy: Sendable, Equatable {
    /// Delay before the first retry.
    public var initialDelay: Duration
    /// Upper bound of any delay.
    public var maximumDelay: Duration
    /// Growth factor per failed attempt.
    public var multiplier: Double

    /// Creates a policy; the defaults suit a broker restart (≈5 s) and a longer outage alike.
    public init(initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(15), multiplier: Double = 2) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
    }

    /// The ceiling of the delay after `failures` consecutive failures (1-based).
    public func ceiling(afterFailures failures: Int) -> Duration {
        let exponent = Double(max(0, failures - 1))
        let seconds = min(initialDelay.seconds * pow(multiplier, exponent), maximumDelay.seconds)
        return .milliseconds(Int64(seconds * 1000))
    }

    /// A jittered delay in `[ceiling/2, ceiling]`; `random` is a number in 0..<1.
    public func delay(afterFailures failures: Int, random: Double) -> Duration {
        let ceiling = ceiling(afterFailures: failures).seconds
        return .milliseconds(Int64((ceiling / 2 + ceiling / 2 * random) * 1000))
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var i = 0.0
    while i < exponent { result *= base; i += 1 }
    return result
}
