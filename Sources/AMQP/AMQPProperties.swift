/// The basic properties of a message that PensionPay uses.
public struct AMQPProperties: Sendable, Equatable {
    /// MIME type of the body, e.g. `application/json`.
    public var contentType: String?
    /// Stable id of the message (PensionPay: the task id).
    public var messageID: String?
    /// True for delivery mode 2: the broker writes the message to disk.
    public var persistent: Bool
    /// Application headers (attempt count, park reason, `x-death` …).
    public var headers: AMQPTable
    /// Per-message TTL in milliseconds, as the AMQP `expiration` string.
    public var expirationMilliseconds: Int?
    /// Creation time, seconds since 1970.
    public var timestamp: UInt64?
    /// Correlation id, e.g. a trace id.
    public var correlationID: String?
    /// The application that published.
    public var appID: String?

    /// Creates properties; persistent by default.
    public init(
        contentType: String? = nil, messageID: String? = nil, persistent: Bool = true,
        headers: AMQPTable = [:], expirationMilliseconds: Int? = nil, timestamp: UInt64? = nil,
        correlationID: String? = nil, appID: String? = nil
    ) {
        self.contentType = contentType
        self.messageID = messageID
        self.persistent = persistent
        self.headers = headers
        self.expirationMilliseconds = expirationMilliseconds
        self.timestamp = timestamp
        self.correlationID = correlationID
        self.appID = appID
    }
}

/// A message to publish.
public struct AMQPOutgoingMessage: Sendable, Equatable {
    /// Target exchange ("" is the default exchange).
    public var exchange: String
    /// Routing key (on the default exchange: the queue name).
    public var routingKey: String
    /// The body.
    public var body: [UInt8]
    /// Properties and headers.
    public var properties: AMQPProperties
    /// Ask the broker to return the message if no queue takes it.
    public var mandatory: Bool

    /// Creates a message.
    public init(exchange: String, routingKey: String, body: [UInt8], properties: AMQPProperties = AMQPProperties(), mandatory: Bool = true) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.body = body
        self.properties = properties
        self.mandatory = mandatory
    }
}

/// A message received from a queue (by a consumer or `basic.get`).
public struct AMQPDelivery: Sendable {
    /// Tag for ack/nack, valid only on the connection that received it.
    public var deliveryTag: UInt64
    /// True if the broker delivered this message before (maybe to a crashed worker).
    public var redelivered: Bool
    /// The exchange it was published to.
    public var exchange: String
    /// The routing key it was published with.
    public var routingKey: String
    /// The consumer tag it came through ("" for `basic.get`).
    public var consumerTag: String
    /// The body (copied out of librabbitmq's buffers).
    public var body: [UInt8]
    /// Properties and headers.
    public var properties: AMQPProperties
    /// Which connection generation received it: acks for an older generation are dropped.
    public var connectionID: UInt64
}

/// Result of a queue declaration.
public struct AMQPQueueInfo: Sendable, Equatable {
    /// The queue name (the broker's for a server-named queue).
    public var name: String
    /// Messages ready for delivery.
    public var messageCount: Int
    /// Active consumers.
    public var consumerCount: Int
}

/// Options of a queue declaration.
public struct AMQPQueueOptions: Sendable, Equatable {
    /// Survives a broker restart (quorum queues must be durable).
    public var durable: Bool
    /// Only this connection may use it; deleted when it closes.
    public var exclusive: Bool
    /// Deleted when the last consumer goes.
    public var autoDelete: Bool
    /// `x-…` arguments: queue type, delivery limit, dead-letter exchange, TTL …
    public var arguments: AMQPTable

    /// Creates options; durable by default.
    public init(durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false, arguments: AMQPTable = [:]) {
        self.durable = durable
        self.exclusive = exclusive
        self.autoDelete = autoDelete
        self.arguments = arguments
    }
}

/// Exchange types.
public enum AMQPExchangeKind: String, Sendable {
    case direct, topic, fanout, headers
}
