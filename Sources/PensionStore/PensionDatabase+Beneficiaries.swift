import Foundation
import GRDB
import PensionDomain

extension PensionDatabase {
    /// Inserts new beneficiaries and updates changed ones, in one transaction.
    ///
    /// Identical rows are left untouched (their `updated_at` too), so re-importing the same roster is
    /// cheap and leaves no trace. Status and verification state are never changed here: only
    /// verification outcomes move them. A change of payment method writes an audit row.
    public func upsertBeneficiaries(_ rows: [BeneficiaryUpsert], at: Date) throws -> UpsertSummary {
        if rows.isEmpty { return UpsertSummary() }
        let stamp = StoreDate.value(at)
        return try pool.write { db in
            var summary = UpsertSummary()
            var start = rows.startIndex
            while start < rows.endIndex {
                start = try Self.upsert(rows, from: start, at: stamp, in: db, summary: &summary)
            }
            return summary
        }
    }

    /// What is on record for one row of an upsert.
    private enum OnRecord {
        case absent, same
        case different(paymentMethod: String)
    }

    /// The values a row writes, in the order of the columns `upsert` reads back.
    private static func values(of input: BeneficiaryUpsert) -> [DatabaseValue] {
        [
            input.fullName.databaseValue, input.dateOfBirth.databaseValue, input.sex.databaseValue,
            input.provinceCode.databaseValue, input.communeCode.databaseValue, input.phone.databaseValue,
            input.paymentMethod.rawValue.databaseValue, input.bankBIN.databaseValue,
            input.bankAccount.databaseValue, input.legacyBHXHCode.databaseValue,
        ]
    }

    /// Upserts `rows` from `start` up to the first ID met twice, and returns where it stopped (the
    /// end, or that second line, which then sees what the first wrote). The stored rows are read
    /// in one query (a lookup per row, each copied into a GRDB `Row`, was 7 % of a monthly
    /// import's CPU), and every decision is made before the first write, so nothing is written
    /// under an open cursor.
    private static func upsert(_ all: [BeneficiaryUpsert], from start: Int, at stamp: DatabaseValue, in db: Database,
                               summary: inout UpsertSummary) throws -> Int {
        var position: [String: Int] = [:]
        position.reserveCapacity(all.count - start)
        var end = start
        while end < all.endIndex {
            if let first = position.updateValue(end - start, forKey: all[end].nationalID) {
                position[all[end].nationalID] = first
                break
            }
            end += 1
        }
        let rows = all[start..<end]
        let values = rows.map(Self.values(of:))
        var onRecord = [OnRecord](repeating: .absent, count: rows.count)
        let select = try db.cachedStatement(sql: """
            SELECT national_id, full_name, date_of_birth, sex, province_code, commune_code, phone, payment_method,
                   bank_bin, bank_account, legacy_bhxh_code
            FROM beneficiaries WHERE national_id IN (SELECT value FROM json_each(?))
            """)
        let stored = try Row.fetchCursor(select, arguments: [JSONArrayText.strings(rows.map(\.nationalID))])
        while let row = try stored.next() {
            guard let offset = position[row[0] as String] else { continue }
            // Compare column by column as SQLite values: what we would write vs what is there.
            let wanted = values[offset]
            let same = wanted.indices.allSatisfy { (row[$0 + 1] as DatabaseValue) == wanted[$0] }
            onRecord[offset] = same ? .same : .different(paymentMethod: row[7])
        }

        let insert = try db.cachedStatement(sql: """
            INSERT INTO beneficiaries (
                full_name, date_of_birth, sex, province_code, commune_code, phone, payment_method,
                bank_bin, bank_account, legacy_bhxh_code, national_id, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE beneficiaries SET
                full_name = ?, date_of_birth = ?, sex = ?, province_code = ?, commune_code = ?, phone = ?,
                payment_method = ?, bank_bin = ?, bank_account = ?, legacy_bhxh_code = ?, updated_at = ?
            WHERE national_id = ?
            """)
        let audit = try db.cachedStatement(sql: Self.auditInsertSQL)
        for (offset, input) in rows.enumerated() {
            switch onRecord[offset] {
            case .absent:
                try insert.execute(arguments: StatementArguments(values[offset] + [input.nationalID.databaseValue, stamp, stamp]))
                summary.inserted += 1
            case .same:
                summary.unchanged += 1
            case .different(let before):
                try update.execute(arguments: StatementArguments(values[offset] + [stamp, input.nationalID.databaseValue]))
                summary.updated += 1
                if before != input.paymentMethod.rawValue {
                    try audit.execute(arguments: [
                        input.nationalID, nil, "payment_method", before, input.paymentMethod.rawValue,
                        "roster upsert", stamp,
                    ])
                }
            }
        }
        return end
    }

    /// The stored beneficiary with this ID number, if any.
    public func beneficiary(nationalID: String) throws -> BeneficiaryRow? {
        try pool.read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(BeneficiaryRow.columns) FROM beneficiaries WHERE national_id = ?")
            return try Row.fetchOne(statement, arguments: [nationalID]).map(BeneficiaryRow.init(row:))
        }
    }

    /// The stored beneficiaries among these ID numbers, keyed by ID (one query).
    public func beneficiaries(nationalIDs: [String]) throws -> [String: BeneficiaryRow] {
        if nationalIDs.isEmpty { return [:] }
        let idsJSON = JSONArrayText.strings(nationalIDs)
        return try pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT \(BeneficiaryRow.columns) FROM beneficiaries
                WHERE national_id IN (SELECT value FROM json_each(?))
                """)
            var rows: [String: BeneficiaryRow] = [:]
            rows.reserveCapacity(nationalIDs.count)
            let cursor = try Row.fetchCursor(statement, arguments: [idsJSON])
            while let row = try cursor.next() {
                let beneficiary = try BeneficiaryRow(row: row)
                rows[beneficiary.nationalID] = beneficiary
            }
            return rows
        }
    }

    /// The identities of one page of living beneficiaries (`active` or `hold`) with IDs after
    /// `after`, in ID order: the monthly review walks the table with it (keyset pagination, one
    /// short read a page). Only the columns a verify task carries are read, from a cursor: whole
    /// rows copied and decoded were a third of the review's CPU.
    public func livingBeneficiaries(after: String, limit: Int) throws -> [VerifyTask.Beneficiary] {
        try pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT national_id, full_name, date_of_birth, sex, province_code, commune_code
                FROM beneficiaries INDEXED BY beneficiaries_review
                WHERE status IN ('active', 'hold') AND national_id > ?
                ORDER BY national_id LIMIT ?
                """)
            var page: [VerifyTask.Beneficiary] = []
            page.reserveCapacity(limit)
            let cursor = try Row.fetchCursor(statement, arguments: [after, limit])
            while let row = try cursor.next() {
                page.append(VerifyTask.Beneficiary(nationalID: row[0], fullName: row[1], dateOfBirth: row[2], sex: row[3],
                                                   provinceCode: row[4], communeCode: row[5]))
            }
            return page
        }
    }

    /// Calls `body` with successive pages of living beneficiaries (`active` or `hold`), in ID order.
    ///
    /// Keyset pagination: each page is its own short read, so memory stays at one page and writers
    /// are never blocked by a long scan; `body` runs outside any database access, so it may write.
    /// A person whose status changes during the walk may be seen or skipped depending on timing.
    public func forEachActiveBeneficiary(batchSize: Int, _ body: ([BeneficiaryRow]) throws -> Void) throws {
        guard batchSize > 0 else {
            throw StoreError(.invalidArgument, "batchSize must be positive, got \(batchSize)")
        }
        var after = ""
        while true {
            let page = try pool.read { db in
                // The WHERE clause repeats the partial index's condition so SQLite can use it.
                let statement = try db.cachedStatement(sql: """
                    SELECT \(BeneficiaryRow.columns) FROM beneficiaries INDEXED BY beneficiaries_review
                    WHERE status IN ('active', 'hold') AND national_id > ?
                    ORDER BY national_id LIMIT ?
                    """)
                return try Row.fetchAll(statement, arguments: [after, batchSize]).map(BeneficiaryRow.init(row:))
            }
            guard let last = page.last else { return }
            try body(page)
            if page.count < batchSize { return }
            after = last.nationalID
        }
    }

    /// Shared by every writer of audit rows: (national_id, task_id, field, before, after, reason, at).
    static let auditInsertSQL = """
        INSERT INTO audit (national_id, task_id, field, before, after, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    /// Shared by the register and outreach writers of `task_log`: (task_id, kind, outcome,
    /// recorded_at); no row added means the task was already done. `ON CONFLICT`, not `OR IGNORE`:
    /// `OR IGNORE` also skips a row that fails a CHECK (a task ID starting with NUL has SQLite
    /// length 0), and the task would pass as done with nothing recorded.
    static let taskLogInsertSQL = """
        INSERT INTO task_log (task_id, kind, outcome, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT (task_id) DO NOTHING
        """
}

extension PensionDatabase {
    /// Writes one audit row (operator actions such as a dead-letter replay).
    public func recordAudit(nationalID: String, taskID: String?, field: String, before: String?, after: String?, reason: String, at date: Date) throws {
        try pool.write { db in
            try db.execute(sql: Self.auditInsertSQL, arguments: [nationalID, taskID, field, before, after, reason, StoreDate.value(date)])
        }
    }
}
