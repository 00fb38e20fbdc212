/// What ``PensionDatabase/claimNotice(_:at:)`` found.
public enum NoticeClaimResult: Sendable, Equatable {
    /// The notice is now `sending` (new, or resumed after a crash, a retry or a deferral): call the gateway
    /// with its notice id as the idempotency key.
    case claimed
    /// This notice was already sent (its gateway message id): nothing to send.
    case alreadySent(gatewayMessageID: String?)
    /// Another notice for this beneficiary is sending or sent in this window (another channel, another
    /// task, another worker): nothing to send.
    case windowTaken
    /// The task is already in `task_log`.
    case taskDone
}
