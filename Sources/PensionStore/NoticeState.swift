/// Where a notice stands; the raw values are the `notices.state` column's.
public enum NoticeState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Recorded (committed) before the gateway call; the notice id is the idempotency key.
    case sending
    /// The gateway accepted it (its message id is stored), or a home visit was listed.
    case sent
    /// The gateway rejected it for good, or retries were exhausted; `failure` says why.
    case failed
    /// Quiet hours: it goes out at `not_before`.
    case deferred
    /// The beneficiary gets nothing (deceased, on hold, already bank, opted out …); `failure` says why.
    case skipped
}
