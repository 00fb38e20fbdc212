/// One line of the payment-method change list for the payment system (`registrations export`).
public struct RegistrationExportRow: Sendable, Equatable {
    /// 12-digit ID of the beneficiary.
    public var nationalID: String
    /// 6-digit BIN of the bank.
    public var bankBIN: String
    /// Normalised deposit account number.
    public var bankAccount: String
    /// "YYYY-MM": the first period paid into the account.
    public var effectivePeriod: String
    /// The registration task, for tracing.
    public var taskID: String
    /// When it was decided (ISO-8601 as stored).
    public var decidedAt: String
    /// The relative holding the account, under an authorisation.
    public var authorisedHolderID: String?

    /// Creates a row.
    public init(nationalID: String, bankBIN: String, bankAccount: String, effectivePeriod: String, taskID: String,
                decidedAt: String, authorisedHolderID: String?) {
        self.nationalID = nationalID
        self.bankBIN = bankBIN
        self.bankAccount = bankAccount
        self.effectivePeriod = effectivePeriod
        self.taskID = taskID
        self.decidedAt = decidedAt
        self.authorisedHolderID = authorisedHolderID
    }
}
