import AMQP

/// What happened to one delivery, decided by a handler.
public enum TaskDisposition: Sendable, Equatable {
    /// The outcome is committed (now, or by an earlier delivery of the same task): ack it.
    case completed
    /// A transient failure (registry down, timeout): go down the retry ladder.
    case retry(reason: String)
    /// A permanent failure (undecodable, invalid, refused): park it with the reason.
    case park(reason: String)
}

/// The work of one task kind. The runtime owns delivery, retry, parking and acks; a handler
/// only decides and records.
public protocol TaskHandler: Sendable {
    /// The kind it handles.
    var kind: TaskKind { get }

    /// Processes a batch and commits every outcome in it durably (one transaction) before
    /// returning one disposition per delivery, in order. `attempts[i]` is the 1-based attempt
    /// number of `deliveries[i]`. Throwing means nothing was committed: the runtime keeps the
    /// deliveries unacked and tries the whole batch again later.
    func process(_ deliveries: [AMQPDelivery], attempts: [Int]) async throws -> [TaskDisposition]

    /// Whether the runtime may start the next batch while this one is still being processed
    /// (its acks stay in order). Only for handlers whose effects are idempotent inside their own
    /// commit, since two batches then check "already done?" before either has committed.
    var overlapsBatches: Bool { get }
}

extension TaskHandler {
    /// One batch at a time, unless a handler says otherwise.
    public var overlapsBatches: Bool { false }
}
