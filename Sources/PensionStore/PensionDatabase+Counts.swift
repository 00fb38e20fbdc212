import GRDB

extension PensionDatabase {
    /// How many verification outcomes are recorded (benchmarks and tests wait on it).
    public func verificationCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM verifications") ?? 0 }
    }
}

extension PensionDatabase {
    /// Living beneficiaries (active or on hold) with no outcome yet for `period` ("YYYY-MM").
    public func unverifiedCount(period: String) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM beneficiaries
                WHERE status IN ('active', 'hold') AND (last_verified_period IS NULL OR last_verified_period < ?)
                """, arguments: [period]) ?? 0
        }
    }
}
