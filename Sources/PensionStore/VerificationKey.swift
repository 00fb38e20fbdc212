/// What makes a verify task's outcome unique: the task, and the person and period it verifies.
///
/// Since schema v7 this, not `task_log`, is the once-per-task check for verify tasks; see
/// ``PensionDatabase/recordedVerifications(_:)``.
public struct VerificationKey: Sendable, Hashable {
    /// The task's idempotency key.
    public var taskID: String
    /// 12-digit personal identification number of the beneficiary.
    public var nationalID: String
    /// The payment period verified, "YYYY-MM".
    public var period: String

    /// Creates a key.
    public init(taskID: String, nationalID: String, period: String) {
        self.taskID = taskID
        self.nationalID = nationalID
        self.period = period
    }
}
