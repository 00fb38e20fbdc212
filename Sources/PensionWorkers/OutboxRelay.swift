import AMQP
import Foundation
import Logging
import Metrics
import PensionDomain
import PensionStore
import ServiceLifecycle
import Synchronization

/// Publishes follow-up messages that handlers committed to the outbox table, with publisher
/// confirms, and marks them published only after the broker confirmed them.
///
/// Each batch is leased first (``PensionDatabase/leaseOutbox(limit:owner:for:now:)``), so the relays
/// of several worker processes on one database take turns instead of publishing the same rows. A
/// crash between confirm and mark re-publishes those rows once the lease runs out; the receivers
/// are idempotent by `message_id`, so the duplicate is harmless — never zero times.
public final class OutboxRelay: Service {
    private let endpoints: AMQPEndpoints
    private let store: PensionDatabase
    private let logger: Logger
    private let name: String
    private let batchSize: Int
    private let idleDelay: Duration
    private let reconnect: AMQPReconnectPolicy
    private let topology: Topology
    private let pendingGauge = Gauge(label: "pensionpay_outbox_pending")
    /// How long a leased batch stays this relay's: far longer than a confirmed publish of a batch
    /// takes (tens of milliseconds), short enough that a dead relay's rows go out soon after.
    private let lease: TimeInterval
    /// Unique per relay instance, so two relays never take each other's lease for their own.
    private let owner = UUID().uuidString

    /// Creates a relay polling every `idleDelay` when the outbox is empty. `url` names one broker
    /// or several nodes of a cluster (each reconnect starts at the next node); `reconnect` paces
    /// the attempts while none answers.
    public init(url: AMQPEndpoints, store: PensionDatabase, name: String, topology: Topology = Topology(), batchSize: Int = 500,
                idleDelay: Duration = .milliseconds(250), lease: TimeInterval = 10, reconnect: AMQPReconnectPolicy = AMQPReconnectPolicy(),
                logger: Logger) {
        self.lease = lease
        self.reconnect = reconnect
        self.endpoints = url
        self.topology = topology
        self.store = store
        self.name = name
        self.batchSize = batchSize
        self.idleDelay = idleDelay
        self.logger = logger
    }

    /// Creates a relay for a single broker.
    public convenience init(url: AMQPURL, store: PensionDatabase, name: String, topology: Topology = Topology(), batchSize: Int = 500,
                            idleDelay: Duration = .milliseconds(250), lease: TimeInterval = 10, logger: Logger) {
        self.init(url: AMQPEndpoints(url), store: store, name: name, topology: topology, batchSize: batchSize, idleDelay: idleDelay,
                  lease: lease, logger: logger)
    }

    /// Relays until graceful shutdown (then flushes what is pending once more, so the rows the
    /// workers committed last are not left behind) or cancellation, reconnecting as needed.
    public func run() async throws {
        let stopping = StopFlag()
        await withGracefulShutdownHandler {
            var failures = 0
            var flushed = false
            while !flushed && !Task.isCancelled {
                let finalRound = stopping.isSet
                do {
                    let connection = try await AMQPConnection.connect(self.endpoints, name: "\(self.name) outbox", logger: self.logger)
                    do {
                        try await connection.enablePublisherConfirms()
                        try await self.relay(on: connection, until: stopping, failures: &failures)
                        flushed = true
                    } catch {
                        await connection.close()
                        throw error
                    }
                    await connection.close()
                } catch {
                    // Keep the backlog gauge true while the broker is out of reach.
                    let pending = (try? self.store.pendingOutboxCount()) ?? 0
                    self.pendingGauge.record(pending)
                    if Task.isCancelled || finalRound {
                        if pending > 0 {
                            self.logger.error("outbox relay stopped with rows pending; they go out on the next start",
                                              metadata: ["error": "\(error)", "outbox.pending": "\(pending)"])
                        }
                        return
                    }
                    failures += 1
                    self.logger.warning("outbox relay failed; retrying", metadata: ["error": "\(error)"])
                    // SIGTERM ends the wait at once; the final round then tries the broker once more.
                    let delay = self.reconnect.delay(afterFailures: failures, random: .random(in: 0..<1))
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                }
            }
        } onGracefulShutdown: {
            stopping.set()
        }
    }

    /// Publishes everything pending once; returns how many rows went out (published, or parked
    /// when unroutable). For tests and `drain`.
    ///
    /// A nack is not the message's fault: a quorum queue nacks while it has no leader (a node
    /// crashed or stopped), and RabbitMQ kept nacking a channel opened during the election for
    /// minutes (see ``ReconnectingPublisher``). So a nacked row is never parked: the rows confirmed
    /// before it are marked, it and the rows behind it are given back to the outbox, and this
    /// throws the nack, so ``run()`` publishes them again on a new connection after a back-off.
    @discardableResult
    public func relayPending(on connection: AMQPConnection) async throws -> Int {
        var total = 0
        while true {
            let pending = try await store.leaseOutbox(limit: batchSize, owner: owner, for: lease, now: Date())
            if pending.isEmpty { return total }
            let messages = pending.map { row in
                AMQPOutgoingMessage(exchange: row.exchange, routingKey: row.routingKey, body: row.body,
                                    properties: AMQPProperties(contentType: "application/json", messageID: row.messageID,
                                                               headers: row.headers.mapValues { .string($0) }))
            }
            let ids = pending.compactMap(\.id)
            do {
                try await connection.publish(messages)
            } catch let error as AMQPError where error.code == .unroutable || error.code == .nacked {
                let settled = try await publishOneByOne(messages, on: connection)
                if settled < messages.count {
                    try await store.markPublished(ids: Array(ids[..<settled]), at: Date())
                    try await store.releaseOutboxLease(ids: Array(ids[settled...]), owner: owner)
                    logger.warning("broker refused a follow-up (basic.nack); it stays in the outbox and goes out again on a new connection",
                                   metadata: ["task.id": "\(messages[settled].properties.messageID ?? "?")",
                                              "outbox.held": "\(messages.count - settled)"])
                    throw AMQPError(.nacked, "the broker refused a follow-up (basic.nack); \(messages.count - settled) rows left in the outbox")
                }
            }
            try await store.markPublished(ids: ids, at: Date())
            total += pending.count
        }
    }

    /// One unroutable row must not hold up the rows behind it: publish singly and park the ones
    /// no queue is bound for (with the reason) so an operator sees them. Stops at the first nack;
    /// returns how many messages, from the front, went out (all of them when none was nacked).
    private func publishOneByOne(_ messages: [AMQPOutgoingMessage], on connection: AMQPConnection) async throws -> Int {
        for (index, message) in messages.enumerated() {
            do {
                try await connection.publish(message)
            } catch let error as AMQPError where error.code == .unroutable {
                var parked = message
                parked.exchange = topology.deadExchange
                parked.properties.headers[TaskHeaders.reason] = .string("follow-up not accepted by the broker: \(error.message)")
                parked.properties.headers[TaskHeaders.parkedAt] = .string(ISO8601.formatSeconds(Date()))
                parked.properties.headers[TaskHeaders.worker] = .string(name)
                try await connection.publish(parked)
                logger.warning("outbox row parked", metadata: ["task.id": "\(message.properties.messageID ?? "?")", "park.reason": "\(error.message)"])
            } catch let error as AMQPError where error.code == .nacked {
                return index
            }
        }
        return messages.count
    }

    /// Relays on `connection` until `stopping` is set and nothing is pending. `failures` is reset
    /// by a round that went through, not by connecting: a queue that keeps nacking (no leader)
    /// must meet a growing back-off, not a reconnect every 200 ms.
    private func relay(on connection: AMQPConnection, until stopping: StopFlag, failures: inout Int) async throws {
        while !Task.isCancelled {
            let stop = stopping.isSet
            let published = try await relayPending(on: connection)
            failures = 0
            if let pending = try? store.pendingOutboxCount() { pendingGauge.record(pending) }
            if published > 0 {
                logger.debug("outbox relayed", metadata: ["outbox.published": "\(published)"])
            } else if stop {
                return   // drained after shutdown began: the final flush is done
            } else {
                try await Task.sleep(for: idleDelay)
            }
        }
    }
}

/// A flag set once from a shutdown handler and read by the loop it stops.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
    func set() { value.store(true, ordering: .sequentiallyConsistent) }
}
