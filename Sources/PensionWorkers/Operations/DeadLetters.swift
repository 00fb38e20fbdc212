import AMQP
import Foundation
import PensionDomain
import PensionStore

/// Operator actions on the parking lot: list, show, replay, purge.
///
/// Listing takes messages with `basic.get` and hands them all back with one `nack(requeue)`,
/// so it changes nothing; while a listing runs, those messages are briefly invisible to others.
public struct DeadLetters: Sendable {
    private let connection: AMQPConnection
    private let topology: Topology

    /// `connection` must have publisher confirms enabled for `replay`.
    public init(connection: AMQPConnection, topology: Topology = Topology()) {
        self.connection = connection
        self.topology = topology
    }

    /// Up to `limit` parked messages matching `filter`, with their bodies.
    public func list(_ filter: DeadLetterFilter = DeadLetterFilter(), limit: Int = 100) async throws -> [(ParkedMessage, [UInt8])] {
        var taken: [AMQPDelivery] = []
        var found: [(ParkedMessage, [UInt8])] = []
        while found.count < limit, let delivery = try await connection.get(queue: topology.deadQueue) {
            taken.append(delivery)
            let parked = ParkedMessage(delivery)
            if filter.matches(parked) { found.append((parked, delivery.body)) }
        }
        // If anything above throws, closing the connection hands the taken messages back too.
        if let last = taken.last { try await connection.nack(last, multiple: true, requeue: true) }
        return found
    }

    /// Puts matching messages back on the tasks exchange with their routing key and a fresh
    /// attempt count, confirmed before each is removed from the parking lot. Each replay of a
    /// task whose beneficiary is known is written to the audit table when `store` is given.
    public func replay(_ filter: DeadLetterFilter, limit: Int = .max, actor: String, store: PensionDatabase?) async throws -> Int {
        var replayed = 0
        var skipped: [AMQPDelivery] = []
        while replayed < limit, let delivery = try await connection.get(queue: topology.deadQueue) {
            let parked = ParkedMessage(delivery)
            guard filter.matches(parked) else { skipped.append(delivery); continue }
            var properties = delivery.properties
            for header in [TaskHeaders.attempt, TaskHeaders.reason, TaskHeaders.parkedAt, TaskHeaders.worker, TaskHeaders.sourceQueue, "x-death",
                           "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason", "x-last-death-exchange",
                           "x-last-death-queue", "x-last-death-reason", "x-delivery-count"] {
                properties.headers.removeValue(forKey: header)
            }
            try await connection.publish(AMQPOutgoingMessage(exchange: topology.tasksExchange, routingKey: delivery.routingKey,
                                                             body: delivery.body, properties: properties))
            if let store, let nationalID = Self.nationalID(in: delivery.body) {
                try await store.recordAudit(nationalID: nationalID, taskID: parked.messageID, field: "dead_letter",
                                            before: "parked: \(parked.reason)", after: "replayed", reason: "replayed by \(actor)", at: Date())
            }
            try await connection.ack(delivery)
            replayed += 1
        }
        if let last = skipped.last { try await connection.nack(last, multiple: true, requeue: true) }
        return replayed
    }

    /// Drops every parked message; returns how many.
    public func purge() async throws -> Int {
        try await connection.purgeQueue(topology.deadQueue)
    }

    /// The beneficiary of a task body, if it is a task we can read.
    static func nationalID(in body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        let raw = (object["beneficiary"] as? [String: Any])?["national_id"] as? String ?? object["national_id"] as? String
        return raw.flatMap { try? NationalID.parse($0) }?.digits
    }
}
