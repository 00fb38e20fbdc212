/// Counters of what a ``RegistrySimulator`` has received and answered (for tests and demos).
public struct RegistrySimulatorStats: Hashable, Sendable {
    /// Every request to the lookup endpoint, whatever its answer.
    public var lookupRequests = 0
    /// Lookups answered `200`.
    public var served = 0
    /// IDs received in lookups answered `200`.
    public var idsLookedUp = 0
    /// Lookups answered `401`.
    public var unauthorized = 0
    /// Lookups answered `400` (malformed body, bad or too many IDs).
    public var badRequests = 0
    /// Injected `503`s.
    public var errors = 0
    /// Injected `429`s.
    public var throttled = 0
    /// Injected holds (timeouts).
    public var timedOut = 0
    /// Requests to `/healthz`.
    public var healthChecks = 0

    /// All counters at zero.
    public init() {}
}
