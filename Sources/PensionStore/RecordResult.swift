/// What happened to one ``VerificationOutcomeRecord``. Every case is safe to ack.
public enum RecordResult: Sendable, Equatable {
    /// Stored now; its effect on the beneficiary is applied in the same transaction or by the next
    /// fold (``OutcomeFolding``).
    case recorded
    /// The task ID was already recorded (a redelivery): nothing changed.
    case duplicate
    /// Stored (so the task is done), but no beneficiary has this ID number: nothing else changed.
    case unknownBeneficiary
}
