import AMQP

/// The producers' way to the broker (roster import, monthly review): batches published one after
/// another, up to `window` of them awaiting the broker's confirms at once.
enum ConfirmWindow {
    /// Publishes every batch `next` hands out until it returns nil, and returns how many messages
    /// the broker confirmed. `next` runs while earlier batches await their confirms; the first
    /// refused or failed batch ends it with that error.
    static func publish(through publisher: any AMQPPublishing, window: Int,
                        batches next: () async throws -> [AMQPOutgoingMessage]?) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            var inFlight = 0
            var confirmed = 0
            while let messages = try await next() {
                if inFlight >= window, let done = try await group.next() {
                    confirmed += done
                    inFlight -= 1
                }
                guard !messages.isEmpty else { continue }
                group.addTask {
                    try await publisher.publish(messages)
                    return messages.count
                }
                inFlight += 1
            }
            for try await done in group { confirmed += done }
            return confirmed
        }
    }
}
