import CRabbitMQ

/// An error from the AMQP layer: an opaque code plus the context an operator needs.
///
/// Messages never carry credentials; they may carry queue and exchange names.
public struct AMQPError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, coarse enough to branch on.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The URL could not be parsed.
        public static let invalidURL = Code(rawValue: "invalid_url")
        /// TCP/TLS connect or login failed.
        public static let connectFailed = Code(rawValue: "connect_failed")
        /// The connection is gone (socket error, heartbeat timeout, broker closed it).
        public static let connectionLost = Code(rawValue: "connection_lost")
        /// The connection was closed by us; no more commands are accepted.
        public static let connectionClosed = Code(rawValue: "connection_closed")
        /// The broker closed the channel (e.g. 404 NOT_FOUND, 406 PRECONDITION_FAILED).
        public static let channelClosed = Code(rawValue: "channel_closed")
        /// A queue exists with other arguments than the ones declared.
        public static let inequivalentArguments = Code(rawValue: "inequivalent_arguments")
        /// The broker refused a published message (basic.nack).
        public static let nacked = Code(rawValue: "nacked")
        /// A mandatory message could not be routed to any queue (basic.return).
        public static let unroutable = Code(rawValue: "unroutable")
        /// The broker cancelled our consumer (queue deleted, node down).
        public static let consumerCancelled = Code(rawValue: "consumer_cancelled")
        /// An RPC or confirm did not complete in time.
        public static let timeout = Code(rawValue: "timeout")
        /// Anything else the library reported.
        public static let library = Code(rawValue: "library_error")
    }

    /// The error's code.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The AMQP reply code when the broker sent one (404, 406, 320 …).
    public var replyCode: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, replyCode: Int? = nil) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
    }

    public var description: String {
        if let replyCode { return "AMQP \(code) (\(replyCode)): \(message)" }
        return "AMQP \(code): \(message)"
    }

    /// True when the connection can no longer be used and must be rebuilt.
    public var isConnectionLevel: Bool {
        code == .connectionLost || code == .connectionClosed || code == .connectFailed
    }

    static func status(_ status: Int32, _ context: String) -> AMQPError {
        let text = String(cString: amqp_error_string2(status))
        switch amqp_status_enum(rawValue: status) {
        case AMQP_STATUS_CONNECTION_CLOSED, AMQP_STATUS_SOCKET_ERROR, AMQP_STATUS_SOCKET_CLOSED,
             AMQP_STATUS_HEARTBEAT_TIMEOUT, AMQP_STATUS_SSL_ERROR, AMQP_STATUS_TCP_ERROR,
             AMQP_STATUS_BAD_AMQP_DATA, AMQP_STATUS_UNKNOWN_CLASS, AMQP_STATUS_UNKNOWN_METHOD,
             AMQP_STATUS_TCP_SOCKETLIB_INIT_ERROR:
            return AMQPError(.connectionLost, "\(context): \(text)")
        case AMQP_STATUS_TIMEOUT:
            return AMQPError(.timeout, "\(context): \(text)")
        default:
            return AMQPError(.library, "\(context): \(text)")
        }
    }
}
