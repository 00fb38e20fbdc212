/// Settings of ``HTTPPopulationRegistry``.
///
/// The API key is passed in by the executable, which reads it from a file or the environment;
/// this module never reads either.
public struct HTTPRegistryOptions: Hashable, Sendable {
    /// Scheme, host and port of the service, e.g. `https://registry.example:8443` (a path prefix is kept).
    public var baseURL: String
    /// Sent as `Authorization: Bearer <key>` when set.
    public var apiKey: String?
    /// Deadline of one HTTP attempt, from sending to the last byte of the answer.
    public var requestTimeout: Duration
    /// Deadline for opening a connection.
    public var connectTimeout: Duration
    /// Soft limit of pooled HTTP/1.1 connections to the service.
    public var maxConnections: Int
    /// How long an idle pooled connection is kept.
    public var idleConnectionTimeout: Duration
    /// IDs per request (capped at ``RegistryHTTPContract/maxIDsPerRequest``); larger lookups are split.
    public var batchSize: Int
    /// How many split requests of one lookup run at once.
    public var maxConcurrentBatches: Int
    /// Largest accepted response body.
    public var maxResponseBytes: Int
    /// In-call retries.
    public var retry: RegistryRetryPolicy
    /// Circuit-breaker settings.
    public var circuitBreaker: CircuitBreaker.Configuration
    /// TLS material (server CA, client identity for mutual TLS); `nil` uses system defaults for https.
    public var tls: RegistryTLSOptions?

    /// Creates options with production-leaning defaults (5 s per attempt, 3 attempts, breaker at 5 failures).
    public init(
        baseURL: String,
        apiKey: String? = nil,
        requestTimeout: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(2),
        maxConnections: Int = 8,
        idleConnectionTimeout: Duration = .seconds(60),
        batchSize: Int = RegistryHTTPContract.maxIDsPerRequest,
        maxConcurrentBatches: Int = 4,
        maxResponseBytes: Int = 16 * 1024 * 1024,
        retry: RegistryRetryPolicy = RegistryRetryPolicy(),
        circuitBreaker: CircuitBreaker.Configuration = CircuitBreaker.Configuration(),
        tls: RegistryTLSOptions? = nil
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.maxConnections = maxConnections
        self.idleConnectionTimeout = idleConnectionTimeout
        self.batchSize = batchSize
        self.maxConcurrentBatches = maxConcurrentBatches
        self.maxResponseBytes = maxResponseBytes
        self.retry = retry
        self.circuitBreaker = circuitBreaker
        self.tls = tls
    }
}

extension HTTPRegistryOptions: CustomStringConvertible, CustomReflectable {
    /// The settings with the API key redacted, so options can be logged.
    public var description: String {
        "HTTPRegistryOptions(baseURL: \(baseURL), apiKey: \(apiKey == nil ? "none" : "<redacted>"), "
            + "requestTimeout: \(requestTimeout), batchSize: \(batchSize), retry: \(retry), "
            + "circuitBreaker: \(circuitBreaker), tls: \(tls.map { "\($0)" } ?? "none"))"
    }

    /// Keeps the API key out of `dump` and other mirror-based printers.
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description])
    }
}
