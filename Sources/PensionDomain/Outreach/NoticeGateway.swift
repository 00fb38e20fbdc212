/// The port to whatever delivers notices (SMS, Zalo, e-mail, printed letters): an HTTP notice gateway in
/// production, its simulator in tests and demos.
///
/// Sending is idempotent by ``NoticeMessage/noticeID``: the same notice id sent twice must produce one
/// message, and the second call must answer with the first message's id.
public protocol NoticeGateway: Sendable {
    /// Sends one notice.
    ///
    /// - Throws: ``NoticeGatewayError``: `.rejected` for a permanent refusal (try the next channel),
    ///   `.unavailable` for anything that may work later (retry the task).
    func send(_ message: NoticeMessage) async throws(NoticeGatewayError) -> NoticeReceipt
}
