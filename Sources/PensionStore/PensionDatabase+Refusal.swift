import GRDB

extension PensionDatabase {
    /// SQLite's reason when `error` is the database refusing the data itself (a constraint: a
    /// CHECK, NOT NULL or UNIQUE rule, or a trigger's RAISE), which no retry can cure; nil for
    /// anything else (a busy file, a full disk …). The reason names the rule, never the values.
    public static func refusal(_ error: any Error) -> String? {
        guard let error = error as? DatabaseError, error.resultCode == .SQLITE_CONSTRAINT else { return nil }
        return error.message ?? "constraint failed"
    }
}
