/// Why one HTTP attempt against the registry failed: an opaque code plus context free of personal data.
///
/// The client never lets this escape `lookup`: it feeds ``RegistryRetryPolicy`` and ``CircuitBreaker``
/// and is then surfaced as `RegistryUnavailable` with ``description`` as the reason.
public struct RegistryHTTPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Value: String, Hashable, Sendable {
            case serverError, throttled, timeout, connectionFailed, unauthorized, clientError, malformedResponse, cancelled
        }
        let value: Value

        /// A 5xx answer.
        public static let serverError = Code(value: .serverError)
        /// A 429 answer.
        public static let throttled = Code(value: .throttled)
        /// No answer within the per-request timeout.
        public static let timeout = Code(value: .timeout)
        /// The connection could not be made or broke before an answer.
        public static let connectionFailed = Code(value: .connectionFailed)
        /// A 401 or 403 answer: the API key or client certificate is wrong.
        public static let unauthorized = Code(value: .unauthorized)
        /// Any other 4xx answer: the request was wrong (a bug, not an outage).
        public static let clientError = Code(value: .clientError)
        /// A 2xx answer whose body breaks the contract.
        public static let malformedResponse = Code(value: .malformedResponse)
        /// The calling task was cancelled.
        public static let cancelled = Code(value: .cancelled)

        /// The code's name, e.g. `serverError`.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// Context for operators (status, field name), never an ID number or a name.
    public var message: String
    /// The HTTP status, when an answer arrived.
    public var status: Int?
    /// The server's `Retry-After`, for 429 (and 503) answers that carried one.
    public var retryAfter: Duration?

    /// Creates an error.
    public init(_ code: Code, _ message: String, status: Int? = nil, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
    }

    /// Whether trying the same request again may help (5xx, 429, timeouts, connection failures).
    public var isTransient: Bool {
        switch code.value {
        case .serverError, .throttled, .timeout, .connectionFailed: true
        case .unauthorized, .clientError, .malformedResponse, .cancelled: false
        }
    }

    /// Whether the failure says the registry is unhealthy, and so counts towards opening the breaker.
    ///
    /// Wrong credentials, our own bad requests and cancellation say nothing about the service's health.
    public var countsAgainstHealth: Bool {
        switch code.value {
        case .serverError, .throttled, .timeout, .connectionFailed, .malformedResponse: true
        case .unauthorized, .clientError, .cancelled: false
        }
    }

    /// `code: message (HTTP status)`.
    public var description: String {
        var text = "\(code): \(message)"
        if let status { text += " (HTTP \(status))" }
        return text
    }
}
