/// Settings of ``HTTPBankNameInquiry``. The API key comes from the executable (file or environment).
public struct HTTPBankInquiryOptions: Hashable, Sendable {
    /// Scheme, host and port of the service, e.g. `http://127.0.0.1:8091`.
    public var baseURL: String
    /// Sent as `Authorization: Bearer <key>` when set.
    public var apiKey: String?
    /// Deadline of one HTTP attempt.
    public var requestTimeout: Duration
    /// Deadline for opening a connection.
    public var connectTimeout: Duration
    /// Soft limit of pooled connections.
    public var maxConnections: Int
    /// Accounts per request (capped at ``BankInquiryHTTPContract/maxAccountsPerRequest``).
    public var batchSize: Int
    /// Largest accepted response body.
    public var maxResponseBytes: Int
    /// In-call retries (the same bounded, jittered policy as the registry client).
    public var retry: RegistryRetryPolicy
    /// Circuit-breaker settings.
    public var circuitBreaker: CircuitBreaker.Configuration
    /// TLS material; `nil` uses system defaults for https.
    public var tls: RegistryTLSOptions?

    /// Creates options: 5 s per attempt, 3 attempts, breaker at 5 failures.
    public init(
        baseURL: String, apiKey: String? = nil, requestTimeout: Duration = .seconds(5), connectTimeout: Duration = .seconds(2),
        maxConnections: Int = 8, batchSize: Int = BankInquiryHTTPContract.maxAccountsPerRequest,
        maxResponseBytes: Int = 1024 * 1024, retry: RegistryRetryPolicy = RegistryRetryPolicy(),
        circuitBreaker: CircuitBreaker.Configuration = CircuitBreaker.Configuration(), tls: RegistryTLSOptions? = nil
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.maxConnections = maxConnections
        self.batchSize = batchSize
        self.maxResponseBytes = maxResponseBytes
        self.retry = retry
        self.circuitBreaker = circuitBreaker
        self.tls = tls
    }
}

extension HTTPBankInquiryOptions: CustomStringConvertible, CustomReflectable {
    /// The settings with the API key redacted.
    public var description: String {
        "HTTPBankInquiryOptions(baseURL: \(baseURL), apiKey: \(apiKey == nil ? "none" : "<redacted>"), "
            + "requestTimeout: \(requestTimeout), batchSize: \(batchSize), retry: \(retry), circuitBreaker: \(circuitBreaker))"
    }

    /// Keeps the API key out of `dump`.
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
