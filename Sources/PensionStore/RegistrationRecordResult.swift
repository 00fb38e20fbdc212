import PensionDomain

/// What happened to one ``RegistrationRecord``. Every case is safe to ack.
public enum RegistrationRecordResult: Sendable, Equatable {
    /// Stored now with this decision: the one asked for, or `review: shared_account` when the account
    /// turned out, inside the write transaction, to pay or be about to pay another beneficiary.
    case recorded(RegistrationDecision)
    /// The task ID was already recorded (a redelivery): nothing changed.
    case duplicate
}
