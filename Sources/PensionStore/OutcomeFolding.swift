/// When ``PensionDatabase/recordVerifications(_:at:folding:)`` moves the beneficiaries' state
/// (status, hold, last outcome and period) after storing the outcome rows.
public enum OutcomeFolding: Sendable, Equatable {
    /// In the same transaction: the state has moved when the call returns.
    case now
    /// Later, by ``PensionDatabase/foldOutcomes(limit:at:)`` (a verify worker runs an
    /// `OutcomeFolder` for it). The outcome row, the durable fact, is still committed before the
    /// call returns; only the state derived from it follows, in bulk and in ID-number order, which
    /// costs the one writer a fraction of a row-by-row update.
    case deferred
}
