/// Where a consumer's deliveries go: a stream or a batch buffer. Called on the connection thread.
struct DeliverySink: Sendable {
    let deliver: @Sendable (AMQPDelivery) -> Void
    let finish: @Sendable ((any Error)?) -> Void

    init(_ continuation: AsyncThrowingStream<AMQPDelivery, any Error>.Continuation) {
        deliver = { continuation.yield($0) }
        finish = { error in
            if let error { continuation.finish(throwing: error) } else { continuation.finish() }
        }
    }

    init(_ buffer: AMQPConsumer.Buffer) {
        deliver = { buffer.append($0) }
        finish = { buffer.finish($0) }
    }
}
