/// Faults the ``NoticeGatewaySimulator`` injects into send requests.
///
/// Rates are independent probabilities in 0...1, checked per request in this order: timeout, error
/// (the first that fires wins). Permanent rejections are by recipient: a recipient in
/// ``rejectedRecipients`` is refused with `422` (`invalid_number` for SMS, `not_registered` for Zalo,
/// `invalid_address` for e-mail and letters). A replayed idempotency key is never faulted.
public struct NoticeGatewayFaults: Hashable, Sendable {
    /// Delay added before answering every send.
    public var addedLatency: Duration
    /// Share of sends answered `503` (nothing is sent).
    public var errorRate: Double
    /// Share of sends held for ``timeoutHold`` and then answered `504` (nothing is sent).
    public var timeoutRate: Double
    /// How long a "timed-out" send is held.
    public var timeoutHold: Duration
    /// Recipients (phone numbers, addresses) refused for good.
    public var rejectedRecipients: Set<String>

    /// Creates a profile; the default injects nothing.
    public init(addedLatency: Duration = .zero, errorRate: Double = 0, timeoutRate: Double = 0, timeoutHold: Duration = .seconds(30),
                rejectedRecipients: Set<String> = []) {
        self.addedLatency = addedLatency
        self.errorRate = errorRate
        self.timeoutRate = timeoutRate
        self.timeoutHold = timeoutHold
        self.rejectedRecipients = rejectedRecipients
    }

    /// No faults.
    public static let none = NoticeGatewayFaults()
}
