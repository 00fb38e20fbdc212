/// A message waiting in (or read from) the outbox, published by the relay after the writing commit.
public struct OutboxMessage: Sendable, Equatable {
    /// The outbox row ID; nil before the message is stored.
    public var id: Int64?
    /// AMQP `message_id`, unique: storing the same follow-up twice keeps one row.
    public var messageID: String
    /// Exchange to publish to.
    public var exchange: String
    /// Routing key, e.g. "outreach.79".
    public var routingKey: String
    /// Message body (JSON, UTF-8, for our own kinds).
    public var body: [UInt8]
    /// AMQP headers to send with it.
    public var headers: [String: String]

    /// Creates a message.
    public init(
        id: Int64? = nil,
        messageID: String,
        exchange: String,
        routingKey: String,
        body: [UInt8],
        headers: [String: String] = [:]
    ) {
        self.id = id
        self.messageID = messageID
        self.exchange = exchange
        self.routingKey = routingKey
        self.body = body
        self.headers = headers
    }
}
