import AMQP
import Foundation
import Logging
import PensionDomain
import ServiceLifecycle
import Synchronization

/// Runs one task handler against its work queue with PensionPay's delivery discipline:
///
/// 1. receive (manual ack, bounded prefetch) in batches;
/// 2. the handler decodes, checks idempotency, does the work and commits every outcome of the
///    batch in one transaction (group commit);
/// 3. transient failures are republished to the retry ladder, permanent ones to the parking
///    lot, both with publisher confirms;
/// 4. only then one `multiple` ack covers the batch.
///
/// Nothing is acked before it is durable. A lost connection is rebuilt with back-off; unacked
/// deliveries come back redelivered and the handler's idempotency makes them harmless. On
/// SIGTERM/SIGINT (graceful shutdown) it stops taking deliveries, finishes the batch in hand,
/// acks it and closes.
public final class TaskWorker<Handler: TaskHandler>: Service {
    private let endpoints: AMQPEndpoints
    private let handler: Handler
    private let options: WorkerOptions
    private let logger: Logger
    private let retryPolicy: RetryPolicy
    private let status: WorkerStatus
    private let metrics: WorkerMetrics
    private let stopping = Atomic<Bool>(false)
    private let currentConsumer = Mutex<AMQPConsumer?>(nil)

    /// Creates a worker; `status` is where it reports readiness and counts. `url` names one broker
    /// or several nodes of a cluster: each (re)connect starts at the next node and skips dead ones.
    public init(url: AMQPEndpoints, handler: Handler, options: WorkerOptions, status: WorkerStatus = WorkerStatus(), logger: Logger) {
        self.endpoints = url
        self.handler = handler
        self.options = options
        self.status = status
        self.logger = logger
        self.retryPolicy = RetryPolicy(delays: options.topology.retryDelays)
        self.metrics = WorkerMetrics(kind: handler.kind)
    }

    /// Creates a worker for a single broker.
    public convenience init(url: AMQPURL, handler: Handler, options: WorkerOptions, status: WorkerStatus = WorkerStatus(), logger: Logger) {
        self.init(url: AMQPEndpoints(url), handler: handler, options: options, status: status, logger: logger)
    }

    /// Asks the worker to stop as after SIGTERM (for embedding without a ServiceGroup).
    public func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        currentConsumer.withLock { $0?.stop() }
    }

    /// Consumes until graceful shutdown or cancellation.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await runUntilStopped()
        } onGracefulShutdown: { [self] in
            stop()
        }
    }

    private var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) || Task.isCancelled }

    private func runUntilStopped() async throws {
        var failures = 0
        while !isStopping {
            do {
                try await session { failures = 0 }
            } catch let error as AMQPError {
                // Any broker trouble (lost connection, a refused retry/park publish, a closed
                // channel) ends this session: rebuild it. Unacked deliveries come back.
                status.setConsuming(false)
                metrics.consumerUp.record(0)
                if isStopping { break }
                failures += 1
                let delay = options.reconnect.delay(afterFailures: failures, random: Double.random(in: 0..<1))
                // SIGTERM during an outage ends the wait (up to 15 s) at once, not when it is over.
                logger.warning("broker connection lost; reconnecting", metadata: [
                    "amqp.error": "\(error)", "retry.in_ms": "\(Int(delay.seconds * 1000))", "retry.failures": "\(failures)",
                ])
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            } catch let error as TopologyError {
                // Consuming now would only bounce tasks off a missing retry exchange until the
                // delivery limit parks them: stay not-ready and look again later.
                status.setConsuming(false)
                status.setTopologyProblem(error.message)
                metrics.consumerUp.record(0)
                if isStopping { break }
                failures += 1
                let delay = options.reconnect.delay(afterFailures: failures, random: Double.random(in: 0..<1))
                logger.error("topology missing; not consuming", metadata: [
                    "topology.error": "\(error.message)", "retry.in_ms": "\(Int(delay.seconds * 1000))",
                ])
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            }
        }
        status.setConsuming(false)
        metrics.consumerUp.record(0)
        logger.info("worker stopped", metadata: ["task.kind": "\(handler.kind.rawValue)"])
    }

    /// One connection's lifetime: connect, consume, process batches, until loss or stop.
    private func session(connected: () -> Void) async throws {
        let queue = options.topology.workQueue(handler.kind)
        let consumerConnection = try await AMQPConnection.connect(endpoints, name: "\(options.name) consumer", logger: logger)
        let publisher: AMQPConnection
        do {
            publisher = try await AMQPConnection.connect(endpoints, name: "\(options.name) publisher", logger: logger)
            try await publisher.enablePublisherConfirms()
        } catch {
            await consumerConnection.close()
            throw error
        }
        do {
            try await consume(queue: queue, consumerConnection: consumerConnection, publisher: publisher, connected: connected)
        } catch {
            await consumerConnection.close()
            await publisher.close()
            throw error
        }
        // Closing cancels the consumer first, then the channel; anything unacked requeues.
        await consumerConnection.close()
        await publisher.close()
    }

    private func consume(queue: String, consumerConnection: AMQPConnection, publisher: AMQPConnection, connected: () -> Void) async throws {
        try await options.topology.verify(for: handler.kind, on: consumerConnection)
        let consumer = try await consumerConnection.consumer(queue: queue, prefetch: options.prefetch)
        currentConsumer.withLock { $0 = consumer }
        defer { currentConsumer.withLock { $0 = nil } }
        if isStopping { consumer.stop() }
        connected()
        status.setConsuming(true)
        metrics.consumerUp.record(1)
        metrics.lastBrokerContact.record(Date().timeIntervalSince1970)
        logger.info("consuming", metadata: ["amqp.queue": "\(queue)", "amqp.url": "\(consumerConnection.url)", "amqp.prefetch": "\(options.prefetch)"])

        // With an overlapping handler, the next batch is decoded, checked and looked up while the
        // one before it commits; acks still go out in delivery order, each after its own commit.
        var pending: InFlightBatch?   // started, not yet settled; at most one waits here
        defer {
            pending?.work.cancel()
            metrics.inFlight.record(0)
        }
        func settlePending() async throws {
            guard let batch = pending else { return }
            pending = nil
            try await settle(batch, queue: queue, consumer: consumerConnection, publisher: publisher)
            metrics.inFlight.record(0)
        }
        while true {
            // Too little has arrived to be worth a batch of its own: finish the one in hand first,
            // so the last batch of a burst is acked without waiting for the next delivery.
            if consumer.readyCount < max(options.maxBatch / 2, 1) { try await settlePending() }
            let batch = try await consumer.next(max: options.maxBatch)
            if batch.isEmpty {
                try await settlePending()   // stopped: everything taken is then acked
                return
            }
            let attempts = batch.map(TaskHeaders.attempt(of:))
            let previous = pending
            pending = InFlightBatch(deliveries: batch, attempts: attempts, started: ContinuousClock.now,
                                    work: Task { try await self.record(batch, attempts: attempts) })
            metrics.inFlight.record(batch.count + (previous?.deliveries.count ?? 0))
            if let previous {
                try await settle(previous, queue: queue, consumer: consumerConnection, publisher: publisher)
                metrics.inFlight.record(batch.count)
            }
            if !handler.overlapsBatches { try await settlePending() }
        }
    }

    /// A batch handed to the handler whose deliveries are not acked yet.
    private struct InFlightBatch: Sendable {
        let deliveries: [AMQPDelivery]
        let attempts: [Int]
        let started: ContinuousClock.Instant
        let work: Task<[TaskDisposition], any Error>
    }

    /// Runs the handler until the batch is committed; store failures are retried with back-off,
    /// since nothing of the batch is stored then. Throws only when stopping or cancelled.
    private func record(_ batch: [AMQPDelivery], attempts: [Int]) async throws -> [TaskDisposition] {
        var dispositions: [TaskDisposition]?
        var storeFailures = 0
        while dispositions == nil {
            do {
                dispositions = try await handler.process(batch, attempts: attempts)
                status.setStoreHealthy(true)
            } catch {
                // Nothing was committed: keep the deliveries unacked and try again. On shutdown,
                // give up; closing the connection hands them back to the broker.
                status.setStoreHealthy(false)
                metrics.storeErrors.increment()
                storeFailures += 1
                logger.error("could not record outcomes; will retry the batch", metadata: [
                    "error": "\(error)", "batch.size": "\(batch.count)", "task.kind": "\(handler.kind.rawValue)",
                ])
                if isStopping { throw AMQPError(.connectionClosed, "stopping with an unrecorded batch") }
                try await Task.sleep(for: options.storeRetry.delay(afterFailures: storeFailures, random: Double.random(in: 0..<1)))
            }
        }
        guard let dispositions, dispositions.count == batch.count else {
            preconditionFailure("handler returned \(dispositions?.count ?? -1) dispositions for \(batch.count) deliveries")
        }
        return dispositions
    }

    /// Waits for a batch's commit, sends its retries and parked tasks (confirmed), then acks it.
    private func settle(_ inFlight: InFlightBatch, queue: String, consumer: AMQPConnection, publisher: AMQPConnection) async throws {
        let batch = inFlight.deliveries, attempts = inFlight.attempts, started = inFlight.started
        // The work runs in a task of its own (so the next batch can start beside it): pass a
        // cancellation of this worker on to it, or a batch retrying a failing store would hold it.
        let work = inFlight.work
        let dispositions = try await withTaskCancellationHandler {
            try await work.value
        } onCancel: {
            work.cancel()
        }

        var republish: [AMQPOutgoingMessage] = []
        var retried = 0, parked = 0
        for (index, (delivery, disposition)) in zip(batch, dispositions).enumerated() {
            switch disposition {
            case .completed:
                continue
            case .retry(let reason):
                switch retryPolicy.decision(afterFailedAttempt: attempts[index], transient: true, reason: reason) {
                case .retry(let rung, _, let nextAttempt):
                    retried += 1
                    republish.append(retryMessage(delivery, rung: rung, attempt: nextAttempt, reason: reason))
                case .park(let why):
                    parked += 1
                    republish.append(parkMessage(delivery, queue: queue, attempt: attempts[index], reason: why))
                case .ack:
                    continue
                }
            case .park(let reason):
                parked += 1
                republish.append(parkMessage(delivery, queue: queue, attempt: attempts[index], reason: reason))
            }
        }
        if !republish.isEmpty {
            // Confirmed before the ack: a crash in between means a duplicate, never a loss.
            try await publisher.publish(republish)
        }
        try await consumer.ack(batch[batch.count - 1], multiple: true)
        let completed = batch.count - retried - parked
        status.record(completed: completed, retried: retried, parked: parked)
        metrics.completed.increment(by: completed)
        metrics.retried.increment(by: retried)
        metrics.parked.increment(by: parked)
        metrics.lastBrokerContact.record(Date().timeIntervalSince1970)
        metrics.batchDuration.recordInterval(since: started)
        logger.debug("batch done", metadata: [
            "task.kind": "\(handler.kind.rawValue)", "batch.size": "\(batch.count)", "batch.completed": "\(completed)",
            "batch.retried": "\(retried)", "batch.parked": "\(parked)",
            "batch.ms": "\(Int((ContinuousClock.now - started).seconds * 1000))",
        ])
    }

    private func retryMessage(_ delivery: AMQPDelivery, rung: Int, attempt: Int, reason: String) -> AMQPOutgoingMessage {
        var properties = delivery.properties
        properties.persistent = true
        properties.expirationMilliseconds = nil   // the delay queue's TTL decides; a publisher's TTL must not drop it
        properties.headers[TaskHeaders.attempt] = .int(Int64(attempt))
        properties.headers[TaskHeaders.reason] = .string(reason)
        logger.info("task retry scheduled", metadata: [
            "task.id": "\(delivery.properties.messageID ?? "?")", "task.kind": "\(handler.kind.rawValue)",
            "task.attempt": "\(attempt)", "retry.reason": "\(reason)",
        ])
        return AMQPOutgoingMessage(exchange: options.topology.retryExchange(rung: rung), routingKey: delivery.routingKey,
                                   body: delivery.body, properties: properties)
    }

    private func parkMessage(_ delivery: AMQPDelivery, queue: String, attempt: Int, reason: String) -> AMQPOutgoingMessage {
        var properties = delivery.properties
        properties.persistent = true
        properties.expirationMilliseconds = nil   // a parked message must stay until an operator acts
        properties.headers[TaskHeaders.attempt] = .int(Int64(attempt))
        properties.headers[TaskHeaders.reason] = .string(reason)
        properties.headers[TaskHeaders.parkedAt] = .string(ISO8601.formatSeconds(Date()))
        properties.headers[TaskHeaders.worker] = .string(options.name)
        properties.headers[TaskHeaders.sourceQueue] = .string(queue)
        logger.warning("task parked", metadata: [
            "task.id": "\(delivery.properties.messageID ?? "?")", "task.kind": "\(handler.kind.rawValue)",
            "task.attempt": "\(attempt)", "park.reason": "\(reason)",
        ])
        return AMQPOutgoingMessage(exchange: options.topology.deadExchange, routingKey: delivery.routingKey,
                                   body: delivery.body, properties: properties)
    }
}
