import AMQP

/// A message in the parking lot, as an operator sees it (no body contents: they hold personal data).
public struct ParkedMessage: Sendable, Codable, Equatable {
    /// The task id (AMQP `message_id`), if the publisher set one.
    public var messageID: String?
    /// The routing key it was published with (`verify.79`).
    public var routingKey: String
    /// The task kind: the routing key's first part.
    public var kind: String
    /// Why it was parked: our reason header, or the broker's `x-death` reason (e.g. delivery limit).
    public var reason: String
    /// Attempts made before parking, when known.
    public var attempts: Int?
    /// When it was parked (ISO 8601), when known.
    public var parkedAt: String?
    /// Which worker parked it, when known.
    public var worker: String?
    /// The work queue it came from, when known.
    public var sourceQueue: String?
    /// Body size in bytes.
    public var bodyBytes: Int

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id", routingKey = "routing_key", kind, reason, attempts
        case parkedAt = "parked_at", worker, sourceQueue = "source_queue", bodyBytes = "body_bytes"
    }

    /// Reads the park headers of a delivery.
    public init(_ delivery: AMQPDelivery) {
        let headers = delivery.properties.headers
        messageID = delivery.properties.messageID
        routingKey = delivery.routingKey
        kind = String(delivery.routingKey.split(separator: ".").first ?? "")
        let death = Self.firstDeath(headers)
        reason = headers[TaskHeaders.reason]?.stringValue
            ?? death.map { "dead-lettered by the broker: \($0.reason)" + ($0.queue.map { " from \($0)" } ?? "") }
            ?? "unknown"
        attempts = headers[TaskHeaders.attempt]?.intValue.map(Int.init) ?? death?.count
        parkedAt = headers[TaskHeaders.parkedAt]?.stringValue
        worker = headers[TaskHeaders.worker]?.stringValue
        sourceQueue = headers[TaskHeaders.sourceQueue]?.stringValue ?? death?.queue
        bodyBytes = delivery.body.count
    }

    private static func firstDeath(_ headers: AMQPTable) -> (reason: String, queue: String?, count: Int?)? {
        guard case .array(let deaths)? = headers["x-death"], case .table(let first)? = deaths.first else { return nil }
        return (first["reason"]?.stringValue ?? "unknown", first["queue"]?.stringValue, first["count"]?.intValue.map(Int.init))
    }
}

/// Which parked messages an operation applies to.
public struct DeadLetterFilter: Sendable, Equatable {
    /// Only this kind (`verify`, `outreach`, `register`).
    public var kind: String?
    /// Only reasons containing this text (case-insensitive).
    public var reasonContains: String?
    /// Only this task id.
    public var messageID: String?

    /// Creates a filter; nil fields match everything.
    public init(kind: String? = nil, reasonContains: String? = nil, messageID: String? = nil) {
        self.kind = kind
        self.reasonContains = reasonContains
        self.messageID = messageID
    }

    /// True when `message` passes every given condition.
    public func matches(_ message: ParkedMessage) -> Bool {
        if let kind, message.kind != kind { return false }
        if let reasonContains, !message.reason.localizedCaseInsensitiveContains(reasonContains) { return false }
        if let messageID, message.messageID != messageID { return false }
        return true
    }
}
