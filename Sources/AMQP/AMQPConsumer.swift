import Synchronization

/// A consumer that hands deliveries over in batches: `next(max:)` returns everything that
/// arrived so far (at least one), which is what group commit wants.
///
/// Memory is bounded by the prefetch count: the broker never sends more unacked deliveries.
public final class AMQPConsumer: Sendable {
    /// The consumer tag.
    public let tag: String
    /// The connection the deliveries arrive on (ack through it).
    public let connection: AMQPConnection
    let buffer: Buffer

    init(tag: String, connection: AMQPConnection, buffer: Buffer) {
        self.tag = tag
        self.connection = connection
        self.buffer = buffer
    }

    /// Waits for at least one delivery, then returns up to `max` of those that are ready.
    /// Throws when the connection is lost or the consumer was cancelled by the broker;
    /// returns an empty array once the consumer was cancelled by us.
    public func next(max: Int) async throws -> [AMQPDelivery] {
        try await buffer.take(max: max)
    }

    /// How many deliveries have arrived and wait to be taken (a snapshot: more may arrive at once).
    public var readyCount: Int {
        buffer.readyCount
    }

    /// Ends the batches locally, at once and without I/O (for a signal handler): `next` returns
    /// what is already buffered, then an empty array. Close the connection afterwards; whatever
    /// was not acked goes back to the queue.
    public func stop() {
        buffer.finish(nil)
    }

    /// Stops the consumer; deliveries not yet acked go back to the queue when the connection closes.
    public func cancel() async throws {
        try await connection.cancel(consumerTag: tag)
    }

    /// The thread-safe hand-over point between the connection thread and the worker.
    final class Buffer: Sendable {
        private struct State {
            var ready: [AMQPDelivery] = []
            var end: Result<Void, any Error>?
            var waiter: CheckedContinuation<Void, Never>?
        }

        private let state = Mutex(State())

        func append(_ delivery: AMQPDelivery) {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.ready.append(delivery)
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }

        func finish(_ error: (any Error)?) {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if state.end == nil { state.end = error.map { .failure($0) } ?? .success(()) }
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }

        var readyCount: Int {
            state.withLock { $0.ready.count }
        }

        func take(max: Int) async throws -> [AMQPDelivery] {
            while true {
                let taken = try state.withLock { state -> [AMQPDelivery]? in
                    if !state.ready.isEmpty {
                        let count = Swift.min(max, state.ready.count)
                        let batch = Array(state.ready.prefix(count))
                        state.ready.removeFirst(count)
                        return batch
                    }
                    switch state.end {
                    case .failure(let error): throw error
                    case .success: return []
                    case nil: return nil
                    }
                }
                if let taken { return taken }
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { state -> Bool in
                        if !state.ready.isEmpty || state.end != nil { return true }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
        }
    }
}
