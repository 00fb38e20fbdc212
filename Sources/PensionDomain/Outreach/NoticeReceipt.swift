/// The gateway's answer to an accepted notice.
public struct NoticeReceipt: Codable, Hashable, Sendable {
    /// The gateway's message id.
    public var messageID: String
    /// True when the gateway had already accepted this notice id (an idempotent replay).
    public var duplicate: Bool

    /// Creates a receipt.
    public init(messageID: String, duplicate: Bool = false) {
        self.messageID = messageID
        self.duplicate = duplicate
    }

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id"
        case duplicate
    }
}
