import PensionDomain

/// One decided registration to record: the input of ``PensionDatabase/recordRegistrations(_:at:)``.
///
/// `description` masks the personal data (the request masks itself).
public struct RegistrationRecord: Sendable, Equatable, CustomStringConvertible {
    /// The task's idempotency key (`RegisterTask.taskID(for:)` for imported requests).
    public var taskID: String
    /// The request as validated at intake.
    public var request: RegistrationRequest
    /// The final decision; `retryLater` is refused by the store (nothing is decided yet).
    public var decision: RegistrationDecision
    /// The holder name the bank returned, when the bank was asked and knew the account.
    public var bankHolderName: String?
    /// Delivery attempt that produced the decision.
    public var attempt: Int
    /// Which worker decided, for tracing.
    public var worker: String?

    /// Creates a record.
    public init(taskID: String, request: RegistrationRequest, decision: RegistrationDecision,
                bankHolderName: String? = nil, attempt: Int, worker: String?) {
        self.taskID = taskID
        self.request = request
        self.decision = decision
        self.bankHolderName = bankHolderName
        self.attempt = attempt
        self.worker = worker
    }

    /// Task ID, masked request and decision.
    public var description: String { "RegistrationRecord(\(taskID), \(request), \(decision))" }
}
