import GRDB

extension PensionDatabase {
    /// Counts per province and in total, from one GROUP BY over the covering report index.
    ///
    /// Each beneficiary is counted once, by `last_outcome`; `on_hold` and the payment split are by
    /// current state. `registered` counts beneficiaries with at least one `registered` bank-account
    /// registration (by the province they are paid in). Read in one snapshot, so the lines always add
    /// up to the totals.
    public func provinceReport() throws -> ProgressReport {
        let provinces = try pool.read { db in
            // A second, small GROUP BY, so the main one keeps its covering index.
            var registered: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT b.province_code, count(DISTINCT r.national_id)
                FROM registrations r JOIN beneficiaries b ON b.national_id = r.national_id
                WHERE r.decision = 'registered'
                GROUP BY b.province_code
                """) {
                registered[row[0]] = row[1]
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT province_code,
                       count(*),
                       count(*) FILTER (WHERE last_outcome = 'verified'),
                       count(*) FILTER (WHERE last_outcome = 'mismatch'),
                       count(*) FILTER (WHERE last_outcome = 'not_found'),
                       count(*) FILTER (WHERE last_outcome = 'deceased'),
                       count(*) FILTER (WHERE last_outcome = 'invalid'),
                       count(*) FILTER (WHERE last_outcome IS NULL),
                       count(*) FILTER (WHERE status = 'hold'),
                       count(*) FILTER (WHERE payment_method = 'bank'),
                       count(*) FILTER (WHERE payment_method = 'cash')
                FROM beneficiaries
                GROUP BY province_code
                ORDER BY province_code
                """)
            return rows.map { row in
                ProvinceCounts(provinceCode: row[0], counts: ReportCounts(
                    beneficiaries: row[1], verified: row[2], mismatch: row[3],
                    notFound: row[4], deceased: row[5],
                    invalid: row[6], unverified: row[7],
                    onHold: row[8], paidByBank: row[9],
                    paidInCash: row[10], registered: registered[row[0]] ?? 0))
            }
        }
        let totals = provinces.reduce(ReportCounts()) { $0 + $1.counts }
        return ProgressReport(totals: totals, provinces: provinces)
    }
}

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
