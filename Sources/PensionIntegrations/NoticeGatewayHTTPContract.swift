import Foundation
import PensionDomain

/// The notice-gateway HTTP contract (docs/notice-gateway-http.md), shared by ``HTTPNoticeGateway`` and
/// ``NoticeGatewaySimulator``.
public enum NoticeGatewayHTTPContract {
    /// `POST`: send one notice (body ``NoticeMessage`` as JSON, header ``idempotencyHeader``).
    public static let sendPath = "/v1/messages"
    /// `GET`: what the gateway accepted, in order (the simulator's delivery log).
    public static let sentPath = "/v1/sent"
    /// `GET`: liveness.
    public static let healthPath = "/healthz"
    /// The idempotency header; its value must equal the body's `notice_id`.
    public static let idempotencyHeader = "Idempotency-Key"

    /// The body of a `422` answer: a permanent rejection with a ``ChannelFailure`` code.
    public struct Rejection: Codable, Hashable, Sendable {
        /// `invalid_number`, `not_registered`, `invalid_address` or `rejected`.
        public var error: String

        /// Creates a rejection body.
        public init(error: String) { self.error = error }
    }

    /// One accepted message in `GET /v1/sent`.
    public struct SentMessage: Codable, Hashable, Sendable {
        /// The gateway's id.
        public var messageID: String
        /// The notice.
        public var message: NoticeMessage
        /// When it was accepted.
        public var receivedAt: Date

        /// Creates an entry.
        public init(messageID: String, message: NoticeMessage, receivedAt: Date) {
            self.messageID = messageID
            self.message = message
            self.receivedAt = receivedAt
        }

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
            case message
            case receivedAt = "received_at"
        }
    }

    /// The body of `GET /v1/sent`.
    public struct SentList: Codable, Hashable, Sendable {
        /// Accepted messages, oldest first; replays of a notice id are not repeated.
        public var messages: [SentMessage]

        /// Creates a list.
        public init(messages: [SentMessage]) { self.messages = messages }
    }

    /// JSON coding with ISO-8601 dates.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
