/// One verification result to record: the input of ``PensionDatabase/recordVerifications(_:at:folding:)``.
public struct VerificationOutcomeRecord: Sendable, Equatable {
    /// The task's idempotency key (deterministic: same kind, person and period → same ID).
    public var taskID: String
    /// 12-digit personal identification number of the beneficiary.
    public var nationalID: String
    /// The payment period verified, "YYYY-MM".
    public var period: String
    /// "verified", "mismatch", "not_found", "deceased" or "invalid" (the schema rejects anything else).
    public var outcome: String
    /// For "mismatch": which fields differ (the domain's field names: "name", "date_of_birth", "sex"); empty otherwise.
    public var mismatchFields: [String]
    /// Non-blocking findings as a JSON document, if any.
    public var warningsJSON: String?
    /// Free text for reviewers; must not repeat ID numbers, names, phones or accounts.
    public var detail: String?
    /// Delivery attempt that produced this outcome.
    public var attempt: Int
    /// Which worker recorded it (host/process), for tracing.
    public var worker: String?
    /// Messages to publish after commit (through the outbox), e.g. an outreach task.
    public var followUps: [OutboxMessage]

    /// Creates a record; optional parts default to empty.
    public init(
        taskID: String,
        nationalID: String,
        period: String,
        outcome: String,
        mismatchFields: [String] = [],
        warningsJSON: String? = nil,
        detail: String? = nil,
        attempt: Int = 1,
        worker: String? = nil,
        followUps: [OutboxMessage] = []
    ) {
        self.taskID = taskID
        self.nationalID = nationalID
        self.period = period
        self.outcome = outcome
        self.mismatchFields = mismatchFields
        self.warningsJSON = warningsJSON
        self.detail = detail
        self.attempt = attempt
        self.worker = worker
        self.followUps = followUps
    }
}
