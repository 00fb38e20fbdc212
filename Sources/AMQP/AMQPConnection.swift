import Logging
import Synchronization

/// One AMQP connection with one channel, driven by its own OS thread.
///
/// Every method is `async` and safe to call from any task: the work is handed to the
/// connection's thread, so librabbitmq's blocking calls never occupy Swift's cooperative pool.
/// Once the connection is lost every call throws an `AMQPError` with a connection-level code;
/// build a new connection to go on (see `AMQPReconnectPolicy`). Deliveries not acked on a lost
/// connection are redelivered by the broker.
public final class AMQPConnection: Sendable {
    /// Where this connection goes (the password is never printed).
    public let url: AMQPURL
    /// A process-unique number; deliveries carry it so acks never reach a newer connection.
    public let id: UInt64
    private let thread: ConnectionThread
    private let nextConsumer = Atomic<Int>(0)

    private static let ids = Atomic<UInt64>(0)

    private init(url: AMQPURL, id: UInt64, thread: ConnectionThread) {
        self.url = url
        self.id = id
        self.thread = thread
    }

    /// Connects, logs in and opens a channel. `name` shows in the broker's connection list.
    public static func connect(_ url: AMQPURL, name: String, logger: Logger) async throws -> AMQPConnection {
        let id = ids.add(1, ordering: .relaxed).newValue
        let thread = ConnectionThread()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            thread.start(name: "amqp-\(id)", makeCore: {
                try ConnectionCore(id: id, url: url, name: name, logger: logger)
            }, started: { continuation.resume(with: $0) })
        }
        return AMQPConnection(url: url, id: id, thread: thread)
    }

    /// Connects to the first reachable broker of a list, starting at the next host of its
    /// rotation (see `AMQPEndpoints`). With one URL this is `connect(_:name:logger:)`. When every
    /// host fails, the error names each (passwords masked).
    public static func connect(_ endpoints: AMQPEndpoints, name: String, logger: Logger) async throws -> AMQPConnection {
        let order = endpoints.nextAttemptOrder()
        var failures: [(url: AMQPURL, error: AMQPError)] = []
        for url in order {
            if !failures.isEmpty && Task.isCancelled { break }
            do {
                let connection = try await connect(url, name: name, logger: logger)
                endpoints.record(url, reachable: true)
                if !failures.isEmpty {
                    logger.notice("connected to another broker of the list", metadata: [
                        "amqp.url": "\(url)", "amqp.unreachable": "\(failures.map(\.url.description).joined(separator: ","))",
                    ])
                }
                return connection
            } catch let error as AMQPError {
                endpoints.record(url, reachable: false)
                failures.append((url, error))
                if order.count > 1 {
                    logger.warning("broker unreachable; trying the next one", metadata: ["amqp.url": "\(url)", "amqp.error": "\(error)"])
                }
            }
        }
        if failures.count == 1 { throw failures[0].error }
        let each = failures.map { "\($0.url): \($0.error.message)" }.joined(separator: "; ")
        throw AMQPError(.connectFailed, "none of the \(order.count) brokers could be reached: \(each)",
                        replyCode: failures.last?.error.replyCode)
    }

    /// Runs `body` on the connection's thread and returns its result.
    private func perform<T: Sendable>(_ body: @escaping @Sendable (ConnectionCore) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = thread.enqueue { core in
                continuation.resume(with: Result {
                    try core.ensureUsable()
                    return try body(core)
                })
            }
            if !accepted {
                continuation.resume(throwing: AMQPError(.connectionClosed, "the connection is closed"))
            }
        }
    }

    // MARK: Topology

    /// Declares an exchange (idempotent when the arguments match).
    public func declareExchange(_ name: String, kind: AMQPExchangeKind, durable: Bool = true, arguments: AMQPTable = [:]) async throws {
        try await perform { try $0.declareExchange(name, kind: kind, durable: durable, arguments: arguments) }
    }

    /// Checks that an exchange exists (a passive declare): throws `404 NOT_FOUND` when it does not.
    /// The channel is reopened after the refusal, so the connection stays usable.
    public func inspectExchange(_ name: String) async throws {
        try await perform { try $0.inspectExchange(name) }
    }

    /// Deletes an exchange.
    public func deleteExchange(_ name: String) async throws {
        try await perform { try $0.deleteExchange(name) }
    }

    /// Declares a queue. A queue that exists with other arguments throws `.inequivalentArguments`.
    @discardableResult
    public func declareQueue(_ name: String, options: AMQPQueueOptions = AMQPQueueOptions()) async throws -> AMQPQueueInfo {
        try await perform { try $0.declareQueue(name, passive: false, options: options) }
    }

    /// Passive declare: message and consumer counts of an existing queue; 404 → `.channelClosed`.
    public func inspectQueue(_ name: String) async throws -> AMQPQueueInfo {
        try await perform { try $0.declareQueue(name, passive: true, options: AMQPQueueOptions()) }
    }

    /// Binds a queue to an exchange.
    public func bindQueue(_ queue: String, exchange: String, routingKey: String, arguments: AMQPTable = [:]) async throws {
        try await perform { try $0.bindQueue(queue, exchange: exchange, routingKey: routingKey, arguments: arguments) }
    }

    /// Removes a binding.
    public func unbindQueue(_ queue: String, exchange: String, routingKey: String) async throws {
        try await perform { try $0.unbindQueue(queue, exchange: exchange, routingKey: routingKey) }
    }

    /// Drops every ready message of a queue; returns how many.
    @discardableResult
    public func purgeQueue(_ name: String) async throws -> Int {
        try await perform { try $0.purgeQueue(name) }
    }

    /// Deletes a queue; returns how many messages it held.
    @discardableResult
    public func deleteQueue(_ name: String) async throws -> Int {
        try await perform { try $0.deleteQueue(name) }
    }

    // MARK: Publishing

    /// Puts the channel in confirm mode: from now on `publish` returns only once the broker
    /// has taken responsibility for every message (written to disk for persistent messages on
    /// durable queues).
    public func enablePublisherConfirms() async throws {
        try await perform { try $0.enableConfirms() }
    }

    /// Publishes a batch. With confirms on, waits until the broker settles all of them and
    /// throws `.nacked` or `.unroutable` if any was refused; their fate is then unknown to the
    /// caller, so re-publish the batch (downstream is idempotent). Several calls may be in flight
    /// at once from different tasks: that is the publish window.
    public func publish(_ messages: [AMQPOutgoingMessage]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let accepted = thread.enqueue { core in
                core.publish(messages) { result in continuation.resume(with: result.mapError { $0 }) }
            }
            if !accepted {
                continuation.resume(throwing: AMQPError(.connectionClosed, "the connection is closed"))
            }
        }
    }

    /// Publishes one message (see `publish(_:)` for batches).
    public func publish(_ message: AMQPOutgoingMessage) async throws {
        try await publish([message])
    }

    // MARK: Consuming

    /// Starts a consumer with manual acks and a prefetch window. The stream ends with an error
    /// when the connection is lost or the broker cancels the consumer; ending the iteration
    /// cancels the consumer (unacked deliveries go back to the queue).
    public func consume(queue: String, prefetch: UInt16, consumerTag: String? = nil) async throws -> AsyncThrowingStream<AMQPDelivery, any Error> {
        let tag = consumerTag ?? "pensionpay-\(id)-\(nextConsumer.add(1, ordering: .relaxed).newValue)"
        let (stream, continuation) = AsyncThrowingStream<AMQPDelivery, any Error>.makeStream()
        continuation.onTermination = { [thread] termination in
            if case .cancelled = termination {
                _ = thread.enqueue { core in try? core.cancel(consumerTag: tag) }
            }
        }
        try await perform { try $0.consume(queue: queue, prefetch: prefetch, tag: tag, sink: DeliverySink(continuation)) }
        return stream
    }

    /// Starts a consumer whose deliveries are taken in batches (see `AMQPConsumer.next(max:)`).
    public func consumer(queue: String, prefetch: UInt16, consumerTag: String? = nil) async throws -> AMQPConsumer {
        let tag = consumerTag ?? "pensionpay-\(id)-\(nextConsumer.add(1, ordering: .relaxed).newValue)"
        let buffer = AMQPConsumer.Buffer()
        try await perform { try $0.consume(queue: queue, prefetch: prefetch, tag: tag, sink: DeliverySink(buffer)) }
        return AMQPConsumer(tag: tag, connection: self, buffer: buffer)
    }

    /// Cancels a consumer; its stream finishes.
    public func cancel(consumerTag: String) async throws {
        try await perform { try $0.cancel(consumerTag: consumerTag) }
    }

    /// Acknowledges a delivery (or every delivery up to it with `multiple`). A delivery from an
    /// earlier connection is ignored: the broker has already put it back in the queue.
    public func ack(_ delivery: AMQPDelivery, multiple: Bool = false) async throws {
        guard delivery.connectionID == id else { return }
        try await perform { try $0.ack(delivery.deliveryTag, multiple: multiple) }
    }

    /// Negatively acknowledges; `requeue: false` dead-letters the message (if the queue has a DLX).
    public func nack(_ delivery: AMQPDelivery, multiple: Bool = false, requeue: Bool) async throws {
        guard delivery.connectionID == id else { return }
        try await perform { try $0.nack(delivery.deliveryTag, multiple: multiple, requeue: requeue) }
    }

    /// Rejects one delivery.
    public func reject(_ delivery: AMQPDelivery, requeue: Bool) async throws {
        guard delivery.connectionID == id else { return }
        try await perform { try $0.reject(delivery.deliveryTag, requeue: requeue) }
    }

    /// Fetches one message (`basic.get`, manual ack), or nil when the queue is empty.
    public func get(queue: String) async throws -> AMQPDelivery? {
        try await perform { try $0.get(queue: queue) }
    }

    // MARK: Lifecycle

    /// True until the connection is lost or closed.
    public var isOpen: Bool {
        get async {
            (try? await perform { _ in true }) ?? false
        }
    }

    /// Cancels consumers, closes the channel and the connection, and ends the thread.
    public func close() async {
        _ = try? await perform { $0.close() }
    }
}
