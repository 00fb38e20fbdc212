import Foundation
import GRDB

extension PensionDatabase {
    /// Records a batch of verification outcomes in ONE write transaction (group commit).
    ///
    /// Per record, in order: a task ID already in `task_log` → `.duplicate`, nothing changes.
    /// Otherwise the verification and task-log rows and the follow-up outbox rows are stored; for an
    /// unknown beneficiary that is all (`.unknownBeneficiary`). For a known one, `last_outcome` and
    /// `last_verified_period` move, and so may the status: anything but "verified" holds payment,
    /// "deceased" marks the person deceased, "verified" lifts a hold (never a death); each status
    /// change writes an audit row. An outcome for a period older than the stored one is kept as
    /// history but does not move the beneficiary's state (a replayed old task must not undo a newer
    /// decision).
    ///
    /// The results are in batch order. Ack the deliveries only after this returns: it has committed.
    /// If it throws, nothing of the batch is stored.
    public func recordVerifications(_ batch: [VerificationOutcomeRecord], at: Date) throws -> [RecordResult] {
        if batch.isEmpty { return [] }
        let stamp = at.databaseValue
        // One query for the whole batch instead of a SELECT per record.
        let idsJSON = try Self.jsonArray(Array(Set(batch.map(\.nationalID))))
        return try pool.write { db in
            var states: [String: BeneficiaryState] = [:]
            let select = try db.cachedStatement(sql: """
                SELECT national_id, status, hold_reason, last_verified_period FROM beneficiaries
                WHERE national_id IN (SELECT value FROM json_each(?))
                """)
            let cursor = try Row.fetchCursor(select, arguments: [idsJSON])
            while let row = try cursor.next() {
                states[row[0]] = BeneficiaryState(status: row[1], holdReason: row[2], period: row[3])
            }

            let taskLog = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO task_log (task_id, kind, outcome, recorded_at) VALUES (?, 'verify', ?, ?)
                """)
            let verification = try db.cachedStatement(sql: """
                INSERT INTO verifications (task_id, national_id, period, outcome, mismatch_fields, warnings,
                                           detail, attempt, worker, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE beneficiaries
                SET last_outcome = ?, last_verified_period = ?, status = ?, hold_reason = ?, updated_at = ?
                WHERE national_id = ?
                """)
            let audit = try db.cachedStatement(sql: Self.auditInsertSQL)
            let outbox = try db.cachedStatement(sql: Self.outboxInsertSQL)
            let encoder = Self.headersEncoder()

            var results: [RecordResult] = []
            results.reserveCapacity(batch.count)
            for record in batch {
                // The insert is the idempotency check: no row added means the task was already done.
                try taskLog.execute(arguments: [record.taskID, record.outcome, stamp])
                if db.changesCount == 0 {
                    results.append(.duplicate)
                    continue
                }
                let fields = record.mismatchFields.isEmpty ? nil : record.mismatchFields.joined(separator: ",")
                try verification.execute(arguments: [
                    record.taskID, record.nationalID, record.period, record.outcome, fields,
                    record.warningsJSON, record.detail, record.attempt, record.worker, stamp,
                ])
                for message in record.followUps {
                    try outbox.execute(arguments: try Self.outboxArguments(message, stamp: stamp, encoder: encoder))
                }

                guard let before = states[record.nationalID] else {
                    results.append(.unknownBeneficiary)
                    continue
                }
                results.append(.recorded)
                if let period = before.period, record.period < period { continue }

                let after = before.applying(outcome: record.outcome, fields: record.mismatchFields, period: record.period)
                try update.execute(arguments: [
                    record.outcome, record.period, after.status, after.holdReason, stamp, record.nationalID,
                ])
                if after.status != before.status {
                    try audit.execute(arguments: [
                        record.nationalID, record.taskID, "status", before.status, after.status,
                        after.holdReason ?? record.outcome, stamp,
                    ])
                }
                states[record.nationalID] = after
            }
            return results
        }
    }

    /// The subset of `taskIDs` already recorded by any worker kind: step 3 of the delivery
    /// discipline (skip work already done) for a whole prefetch window in one query.
    public func recordedTaskIDs(_ taskIDs: [String]) throws -> Set<String> {
        if taskIDs.isEmpty { return [] }
        let json = try Self.jsonArray(taskIDs)
        return try pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT task_id FROM task_log WHERE task_id IN (SELECT value FROM json_each(?))
                """)
            return try Set(String.fetchCursor(statement, arguments: [json]))
        }
    }

    /// Encodes strings as a JSON array, for `json_each(?)`: one cached statement for any batch size.
    static func jsonArray(_ strings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
    }
}
