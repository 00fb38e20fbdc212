/// Settings of ``HTTPNoticeGateway``.
public struct NoticeGatewayOptions: Hashable, Sendable {
    /// Scheme, host and port, e.g. `http://127.0.0.1:8091` (a path prefix is kept).
    public var baseURL: String
    /// Deadline of one HTTP attempt.
    public var requestTimeout: Duration
    /// Deadline for opening a connection.
    public var connectTimeout: Duration
    /// Soft limit of pooled HTTP/1.1 connections.
    public var maxConnections: Int
    /// In-call retries (jittered exponential back-off; `Retry-After` honoured up to a cap).
    public var retry: RegistryRetryPolicy
    /// Circuit-breaker settings.
    public var circuitBreaker: CircuitBreaker.Configuration

    /// Creates options; defaults: 5 s per attempt, 3 attempts, breaker at 5 failures for 30 s.
    public init(baseURL: String, requestTimeout: Duration = .seconds(5), connectTimeout: Duration = .seconds(2),
                maxConnections: Int = 8, retry: RegistryRetryPolicy = RegistryRetryPolicy(),
                circuitBreaker: CircuitBreaker.Configuration = CircuitBreaker.Configuration()) {
        self.baseURL = baseURL
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.maxConnections = maxConnections
        self.retry = retry
        self.circuitBreaker = circuitBreaker
    }
}
