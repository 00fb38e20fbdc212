/// Why the gateway did not accept a notice; the message never holds a recipient or a text.
public struct NoticeGatewayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Hashable, Sendable {
        /// Refused for good on this channel (invalid number, no Zalo account, bad address …): fall back.
        case rejected(ChannelFailure)
        /// Down, slow, throttled or unreachable: try again later with the same notice id.
        case unavailable
    }

    /// The kind.
    public var kind: Kind
    /// Context for operators.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A permanent rejection.
    public static func rejected(_ failure: ChannelFailure, _ message: String) -> NoticeGatewayError {
        NoticeGatewayError(.rejected(failure), message)
    }

    /// A transient failure.
    public static func unavailable(_ message: String) -> NoticeGatewayError {
        NoticeGatewayError(.unavailable, message)
    }

    /// `notice gateway rejected (invalid_number): …` or `notice gateway unavailable: …`.
    public var description: String {
        switch kind {
        case .rejected(let failure): "notice gateway rejected (\(failure.rawValue)): \(message)"
        case .unavailable: "notice gateway unavailable: \(message)"
        }
    }
}
