import AMQP
import Foundation
import PensionDomain

/// The broker objects PensionPay uses, and how to declare them (idempotently).
///
/// ```
/// pensionpay.tasks.verify (direct)   ──verify.01 … verify.96──► pensionpay.verify (quorum) ─┐
/// pensionpay.tasks.outreach (direct) ──outreach.PP────────────► pensionpay.outreach         │ dead-
/// pensionpay.tasks.register (direct) ──register.PP────────────► pensionpay.register         │ letter
/// pensionpay.tasks (topic)           ──verify.# / outreach.# / register.#──► the same queues ▼
/// pensionpay.retry.5s|30s|300s (fanout) ► delay queue (TTL) ──► back to pensionpay.tasks
/// pensionpay.dead (fanout) ──► pensionpay.dead (parking lot: reason, time, worker in headers)
/// ```
/// Routing keys are `KIND.PROVINCE` (`verify.79`), so a node can own a set of provinces.
///
/// Producers publish to the direct exchange of the task's kind: the broker routes a direct
/// exchange faster than a topic one (+22 % publish rate measured), and a write permission on the
/// kind's exchange limits who may send which kind as topic permissions did. The topic exchange stays
/// for the retry ladder (its queues dead-letter there), dead-letter replay and outside producers.
public struct Topology: Sendable, Equatable {
    /// Prefix of every name: `pensionpay` in production; tests and benchmarks use their own.
    public var namespace: String
    /// The topic exchange the retry ladder dead-letters to (and outside producers may publish to).
    public var tasksExchange: String { "\(namespace).tasks" }
    /// The direct exchange PensionPay's producers publish tasks of `kind` to.
    public func publishExchange(_ kind: TaskKind) -> String { "\(namespace).tasks.\(kind.rawValue)" }
    /// The fanout exchange (and queue) of parked messages.
    public var deadExchange: String { "\(namespace).dead" }
    /// The parking queue.
    public var deadQueue: String { "\(namespace).dead" }
    /// Delays of the retry ladder; one delay queue per rung.
    public var retryDelays: [Duration] = [.seconds(5), .seconds(30), .seconds(300)]
    /// Deliveries of one message before the broker parks it (a worker crashing on it each time).
    public var deliveryLimit = 10
    /// Province codes this node owns; empty means all (`#` on the topic exchange, the 34 current
    /// codes on the direct ones).
    public var provinces: [String] = []

    /// Creates the default topology.
    public init(namespace: String = "pensionpay", retryDelays: [Duration] = [.seconds(5), .seconds(30), .seconds(300)], provinces: [String] = []) {
        self.namespace = namespace
        self.retryDelays = retryDelays
        self.provinces = provinces
    }

    /// The work queue of a task kind.
    public func workQueue(_ kind: TaskKind) -> String { "\(namespace).\(kind.rawValue)" }

    /// The exchange (and queue) name of a retry rung.
    public func retryExchange(rung: Int) -> String {
        "\(namespace).retry.\(Self.label(retryDelays[rung]))"
    }

    /// Routing key of a task: `KIND.PROVINCE`.
    public static func routingKey(_ kind: TaskKind, province: String) -> String { "\(kind.rawValue).\(province)" }

    /// The retry ladder as `--retry-delays` takes it (`5s,30s,300s`), for starting workers that agree.
    public var retryDelaysArgument: String { retryDelays.map(Self.label).joined(separator: ",") }

    /// The command-line arguments that name this topology to another `pensionpay` process.
    public var arguments: [String] { ["--namespace", namespace, "--retry-delays", retryDelaysArgument] }

    static func label(_ delay: Duration) -> String {
        let ms = Int64(delay.seconds * 1000)
        return ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms)ms"
    }

    /// Quorum queues dead-letter at-most-once unless told otherwise; at-least-once needs
    /// `reject-publish` overflow. A parked or delayed task must never vanish in transit.
    private var safeDeadLettering: AMQPTable {
        ["x-dead-letter-strategy": .string("at-least-once"), "x-overflow": .string("reject-publish")]
    }

    /// Every queue of the topology (work, retry, parking).
    public var allQueues: [String] {
        TaskKind.allCases.map(workQueue) + retryDelays.indices.map { retryExchange(rung: $0) } + [deadQueue]
    }

    /// Every exchange of the topology.
    public var allExchanges: [String] {
        [tasksExchange] + TaskKind.allCases.map(publishExchange) + [deadExchange] + retryDelays.indices.map { retryExchange(rung: $0) }
    }

    /// Deletes every queue and exchange (tests and benchmarks clean up with it).
    public func delete(on connection: AMQPConnection) async throws {
        for queue in allQueues { try await connection.deleteQueue(queue) }
        for exchange in allExchanges { try await connection.deleteExchange(exchange) }
    }

    /// Declares everything; safe to run again and from several nodes. A queue that exists
    /// with other arguments fails with a message that names the queue and the difference.
    public func declare(on connection: AMQPConnection) async throws {
        try await connection.declareExchange(tasksExchange, kind: .topic)
        try await connection.declareExchange(deadExchange, kind: .fanout)
        try await declareQueue(deadQueue, ["x-queue-type": .string("quorum")], on: connection)
        try await connection.bindQueue(deadQueue, exchange: deadExchange, routingKey: "")

        for kind in TaskKind.allCases {
            let queue = workQueue(kind)
            var arguments: AMQPTable = [
                "x-queue-type": .string("quorum"),
                "x-delivery-limit": .int(Int64(deliveryLimit)),
                "x-dead-letter-exchange": .string(deadExchange),
            ]
            arguments.merge(safeDeadLettering) { a, _ in a }
            try await declareQueue(queue, arguments, on: connection)
            let keys = provinces.isEmpty ? ["\(kind.rawValue).#"] : provinces.map { Self.routingKey(kind, province: $0) }
            for key in keys {
                try await connection.bindQueue(queue, exchange: tasksExchange, routingKey: key)
            }
            // A direct exchange matches keys exactly, so it is bound once per province.
            try await connection.declareExchange(publishExchange(kind), kind: .direct)
            for code in provinces.isEmpty ? AdministrativeUnits.provinces.map(\.code) : provinces {
                try await connection.bindQueue(queue, exchange: publishExchange(kind), routingKey: Self.routingKey(kind, province: code))
            }
        }

        for rung in retryDelays.indices {
            let name = retryExchange(rung: rung)
            try await connection.declareExchange(name, kind: .fanout)
            var arguments: AMQPTable = [
                "x-queue-type": .string("quorum"),
                "x-message-ttl": .int(Int64(retryDelays[rung].seconds * 1000)),
                // No dead-letter routing key: the message keeps its own (`verify.79`).
                "x-dead-letter-exchange": .string(tasksExchange),
            ]
            arguments.merge(safeDeadLettering) { a, _ in a }
            try await declareQueue(name, arguments, on: connection)
            try await connection.bindQueue(name, exchange: name, routingKey: "")
        }
    }

    /// Checks (passively) that what a worker of `kind` publishes to and consumes from exists: its
    /// work queue, every retry exchange of this ladder, the dead-letter exchange and the direct
    /// exchanges (the verify and outreach workers publish outreach tasks; all three are checked, so
    /// a topology declared by an older version is caught at once).
    ///
    /// A worker started with other retry delays or another namespace than `topology declare` used
    /// would otherwise consume tasks and then fail every retry publish with `404`, handing its batch
    /// back until the broker's delivery limit parks healthy tasks.
    ///
    /// - Throws: ``TopologyError`` naming the first missing object and the command that declares it;
    ///   `AMQPError` for any other broker trouble.
    public func verify(for kind: TaskKind, on connection: AMQPConnection) async throws {
        let wanted = [(workQueue(kind), true)] + retryDelays.indices.map { (retryExchange(rung: $0), false) } + [(deadExchange, false)]
            + TaskKind.allCases.map { (publishExchange($0), false) }
        for (name, isQueue) in wanted {
            do {
                if isQueue { _ = try await connection.inspectQueue(name) } else { try await connection.inspectExchange(name) }
            } catch let error as AMQPError where error.replyCode == 404 {
                throw TopologyError(queue: name, message: """
                    \(isQueue ? "queue" : "exchange") \(name) does not exist: this worker's topology (namespace \(namespace), \
                    retry delays \(retryDelaysArgument)) differs from the declared one, or it was \
                    never declared. Run `pensionpay topology declare --namespace \(namespace) \
                    --retry-delays \(retryDelaysArgument)`, or start the worker with the declared \
                    --retry-delays.
                    """)
            }
        }
    }

    /// Checks (passively) that the direct exchange producers publish `kind` tasks to exists, so a
    /// producer run against a topology declared by an older version stops at once with the command
    /// that fixes it, before it reads its input.
    public func verifyPublishing(_ kind: TaskKind, on connection: AMQPConnection) async throws {
        do {
            try await connection.inspectExchange(publishExchange(kind))
        } catch let error as AMQPError where error.replyCode == 404 {
            throw TopologyError(queue: publishExchange(kind), message: """
                exchange \(publishExchange(kind)) does not exist: the topology was declared by an older \
                version or never. Run `pensionpay topology declare --namespace \(namespace)`.
                """)
        }
    }

    /// Parses a retry ladder such as `5s,30s,5m` (units `ms`, `s`, `m`, `h`; at least one rung,
    /// each at least 1 ms, strictly increasing so that a later attempt never waits less).
    public static func parseRetryDelays(_ text: String) throws(TopologyError) -> [Duration] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func fail(_ why: String) -> TopologyError {
            TopologyError(queue: "", message: "bad retry delays \"\(text)\": \(why) (expected e.g. 5s,30s,5m)")
        }
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { throw fail("empty rung") }
        var delays: [Duration] = []
        for part in parts {
            let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
            guard let (suffix, scale) = units.first(where: { part.hasSuffix($0.0) && Int64(part.dropLast($0.0.count)) != nil }),
                  let value = Int64(part.dropLast(suffix.count)), value > 0, value <= 86_400_000 / scale else {
                throw fail("\"\(part)\" is not a positive duration of at most 24h")
            }
            let delay = Duration.milliseconds(value * scale)
            if let last = delays.last, delay <= last { throw fail("delays must increase") }
            delays.append(delay)
        }
        return delays
    }

    private func declareQueue(_ name: String, _ arguments: AMQPTable, on connection: AMQPConnection) async throws {
        do {
            try await connection.declareQueue(name, options: AMQPQueueOptions(durable: true, arguments: arguments))
        } catch let error as AMQPError where error.code == .inequivalentArguments {
            throw TopologyError(
                queue: name,
                message: """
                queue \(name) already exists with different arguments (\(error.message)). \
                PensionPay wants: \(arguments.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")). \
                Queue arguments cannot be changed in place: drain the queue, delete it \
                (rabbitmqctl delete_queue \(name)), then run `pensionpay topology declare` again.
                """)
        }
    }
}

/// A topology declaration failed in a way an operator has to resolve.
public struct TopologyError: Error, CustomStringConvertible, Sendable {
    /// The queue concerned.
    public var queue: String
    /// What differs and what to do.
    public var message: String
    public var description: String { message }
}
