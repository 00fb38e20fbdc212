import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Reads queue statistics AMQP cannot give (unacked deliveries) from RabbitMQ's management
/// plugin HTTP API (`rabbitmq-plugins enable rabbitmq_management`, port 15672).
public struct BrokerManagementClient: Sendable {
    /// What the API says about one queue.
    public struct QueueStats: Sendable, Equatable, Decodable {
        /// All messages (ready + unacked).
        public var messages: Int?
        /// Ready for delivery.
        public var messagesReady: Int?
        /// Delivered to a consumer, not yet acknowledged.
        public var messagesUnacknowledged: Int?
        /// Consumers attached.
        public var consumers: Int?
        /// Timestamp property of the head message (classic queues only; absent on quorum queues).
        public var headMessageTimestamp: Int?

        enum CodingKeys: String, CodingKey {
            case messages, consumers
            case messagesReady = "messages_ready"
            case messagesUnacknowledged = "messages_unacknowledged"
            case headMessageTimestamp = "head_message_timestamp"
        }
    }

    private let baseURL: String
    private let authorization: String

    /// A client for `baseURL` (e.g. `http://127.0.0.1:15672`) with the broker user's credentials.
    public init(baseURL: String, user: String, password: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Statistics of `queue` in `vhost`; nil when the API does not know the queue.
    public func queue(_ queue: String, vhost: String) async throws -> QueueStats? {
        let path = [vhost, queue].map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? $0 }
        var request = HTTPClientRequest(url: "\(baseURL)/api/queues/\(path[0])/\(path[1])")
        request.headers.add(name: "Authorization", value: authorization)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        if response.status == .notFound { return nil }
        guard response.status == .ok else {
            throw ManagementAPIError(status: Int(response.status.code))
        }
        return try JSONDecoder().decode(QueueStats.self, from: Data(buffer: body))
    }
}

/// The management API answered with an error status (401: wrong credentials or a user without the
/// `monitoring` tag).
public struct ManagementAPIError: Error, CustomStringConvertible, Sendable {
    /// The HTTP status.
    public var status: Int
    public var description: String { "broker management API answered HTTP \(status)" }
}
