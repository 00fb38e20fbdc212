/// What ``PensionDatabase/upsertBeneficiaries(_:at:)`` did with its rows.
public struct UpsertSummary: Sendable, Equatable, Codable {
    /// Rows for people not on record before.
    public var inserted: Int
    /// Rows whose stored values changed.
    public var updated: Int
    /// Rows identical to what was stored (left untouched, `updated_at` included).
    public var unchanged: Int

    /// Creates a summary.
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}
