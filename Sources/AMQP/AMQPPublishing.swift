/// Something that publishes batches and returns once the broker has confirmed all of them:
/// one `AMQPConnection` in confirm mode, or a `ReconnectingPublisher` that outlives its connections.
public protocol AMQPPublishing: Sendable {
    /// Publishes `messages`; returns when every one is confirmed, throws when their fate is unknown.
    func publish(_ messages: [AMQPOutgoingMessage]) async throws
}

extension AMQPConnection: AMQPPublishing {}
