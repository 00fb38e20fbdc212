/// Faults the ``RegistrySimulator`` injects into lookup requests, so clients and workers can be
/// exercised against a misbehaving registry over a real socket.
///
/// Each rate is an independent probability in 0...1, checked per lookup request in this order:
/// timeout, error, throttle (the first that fires wins). `/healthz` is never faulted.
public struct RegistryFaults: Hashable, Sendable {
    /// Delay added before answering every lookup request.
    public var addedLatency: Duration
    /// Share of lookups answered `503 Service Unavailable`.
    public var errorRate: Double
    /// Share of lookups held for ``timeoutHold`` (longer than a client's timeout) before a `504`.
    public var timeoutRate: Double
    /// How long a "timed-out" request is held.
    public var timeoutHold: Duration
    /// Share of lookups answered `429 Too Many Requests`.
    public var throttleRate: Double
    /// The `Retry-After` seconds sent with a `429`.
    public var retryAfterSeconds: Int

    /// Creates a fault profile; the default injects nothing.
    public init(
        addedLatency: Duration = .zero, errorRate: Double = 0, timeoutRate: Double = 0,
        timeoutHold: Duration = .seconds(30), throttleRate: Double = 0, retryAfterSeconds: Int = 1
    ) {
        self.addedLatency = addedLatency
        self.errorRate = errorRate
        self.timeoutRate = timeoutRate
        self.timeoutHold = timeoutHold
        self.throttleRate = throttleRate
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// No faults: a healthy registry.
    public static let none = RegistryFaults()
}
