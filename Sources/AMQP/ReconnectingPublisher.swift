import Logging

/// The publishing side of a producer (`import`, `review` …) that finishes its run when the broker
/// node it is connected to goes away.
///
/// Every batch is published with confirms. When the connection is lost, or the broker nacks
/// (a quorum queue without a leader for a moment), the batch's fate is unknown: the publisher
/// connects again through `AMQPEndpoints` (the next node of the list first) and publishes the
/// whole batch again, after a back-off while the failures go on. The tasks a producer sends
/// carry deterministic ids that workers deduplicate, so a message published twice is done once.
/// Batches that share a connection (the publish window) share the reconnect. A run gives up, with
/// the last error, only after `outageLimit` without a confirmed batch.
public actor ReconnectingPublisher: AMQPPublishing {
    private let endpoints: AMQPEndpoints
    private let name: String
    private let logger: Logger
    private let policy: AMQPReconnectPolicy
    private let outageLimit: Duration
    private var current: AMQPConnection?
    private var connecting: Task<AMQPConnection, any Error>?
    private var stats = Stats()
    private var everConnected = false

    /// What the publisher had to do beyond publishing each batch once.
    public struct Stats: Sendable, Equatable {
        /// Connections made after the first one.
        public var reconnects = 0
        /// Messages published again because their confirm was lost with a connection or nacked.
        public var republished = 0

        /// Creates statistics (zero by default).
        public init(reconnects: Int = 0, republished: Int = 0) {
            self.reconnects = reconnects
            self.republished = republished
        }
    }

    /// Connects (confirms on) to the first reachable broker of `endpoints`; a broker that cannot
    /// be reached at the start is an error at once rather than a wait.
    public static func connect(_ endpoints: AMQPEndpoints, name: String, logger: Logger,
                               policy: AMQPReconnectPolicy = AMQPReconnectPolicy(),
                               outageLimit: Duration = .seconds(300)) async throws -> ReconnectingPublisher {
        let publisher = ReconnectingPublisher(endpoints: endpoints, name: name, logger: logger, policy: policy, outageLimit: outageLimit)
        _ = try await publisher.connection()
        return publisher
    }

    private init(endpoints: AMQPEndpoints, name: String, logger: Logger, policy: AMQPReconnectPolicy, outageLimit: Duration) {
        self.endpoints = endpoints
        self.name = name
        self.logger = logger
        self.policy = policy
        self.outageLimit = outageLimit
    }

    /// Reconnects and re-publishes counted so far.
    public var statistics: Stats { stats }

    /// The connection in use now (nil between a loss and the next batch).
    public var connectionInUse: AMQPConnection? { current }

    public nonisolated func publish(_ messages: [AMQPOutgoingMessage]) async throws {
        guard !messages.isEmpty else { return }
        let clock = ContinuousClock()
        var outageStarted: ContinuousClock.Instant?
        var failures = 0
        while true {
            var used: AMQPConnection?
            do {
                let connection = try await connection()
                used = connection
                try await connection.publish(messages)
                if failures > 0 { await countRepublished(messages.count) }
                return
            } catch let error as AMQPError where error.isConnectionLevel || error.code == .nacked {
                let started = outageStarted ?? clock.now
                outageStarted = started
                failures += 1
                if let used { await lost(used, error: error) }
                guard clock.now - started < outageLimit, !Task.isCancelled else {
                    logger.error("giving up publishing: no batch confirmed for too long", metadata: [
                        "amqp.error": "\(error)", "amqp.outage_limit": "\(outageLimit)",
                    ])
                    throw error
                }
                try await Task.sleep(for: policy.delay(afterFailures: failures, random: .random(in: 0..<1)))
            }
        }
    }

    /// Closes the connection in use.
    public func close() async {
        connecting?.cancel()
        connecting = nil
        await current?.close()
        current = nil
    }

    /// The live connection, or a new one through the endpoint list; concurrent callers share one connect.
    private func connection() async throws -> AMQPConnection {
        if let current { return current }
        if let connecting { return try await connecting.value }
        let reconnect = everConnected
        let task = Task { [endpoints, name, logger] in
            let connection = try await AMQPConnection.connect(endpoints, name: name, logger: logger)
            do {
                try await connection.enablePublisherConfirms()
            } catch {
                await connection.close()
                throw error
            }
            return connection
        }
        connecting = task
        defer { connecting = nil }
        let connection = try await task.value
        current = connection
        if reconnect {
            stats.reconnects += 1
            logger.notice("publishing again through a new broker connection", metadata: ["amqp.url": "\(connection.url)"])
        }
        everConnected = true
        return connection
    }

    private func countRepublished(_ count: Int) {
        stats.republished += count
    }

    /// After `error` on `connection` the batch goes out again on a new connection. A nacking
    /// channel is replaced too: after a node crash, RabbitMQ 3.10 kept nacking every publish of a
    /// channel opened while the quorum queue was electing its leader, for minutes, while new
    /// channels published at once (seen in the cluster test).
    private func lost(_ connection: AMQPConnection, error: AMQPError) async {
        guard current === connection else { return }
        current = nil
        let message = error.code == .nacked
            ? "broker refused a batch; publishing the unconfirmed batches again on a new connection"
            : "broker connection lost while publishing; reconnecting and publishing the unconfirmed batches again"
        logger.warning("\(message)", metadata: ["amqp.url": "\(connection.url)", "amqp.error": "\(error)"])
        await connection.close()
    }
}
