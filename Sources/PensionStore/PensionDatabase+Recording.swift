import Foundation
import GRDB
import PensionDomain

extension PensionDatabase {
    /// Records a batch of verification outcomes in ONE write transaction (group commit).
    ///
    /// Per record, in order: an outcome already stored for the same task, person and period →
    /// `.duplicate`, nothing changes. Otherwise the verification row and the follow-up outbox rows
    /// are stored, `.recorded`, or `.unknownBeneficiary` when no beneficiary has the ID number.
    ///
    /// The beneficiary's state then moves as ``foldOutcomes(limit:at:)`` says: `last_outcome` and
    /// `last_verified_period` move, and so may the status: anything but "verified" holds payment,
    /// "deceased" marks the person deceased, "verified" lifts a hold (never a death); each status
    /// change writes an audit row; an outcome for a period older than the stored one is kept as
    /// history but does not move the state (a replayed old task must not undo a newer decision).
    /// With `folding: .now` (the default) that happens in this transaction, for every outcome not
    /// yet folded; with `.deferred` it is left to the next fold.
    ///
    /// The results are in batch order. Ack the deliveries only after this returns: it has committed.
    /// If it throws, nothing of the batch is stored.
    public func recordVerifications(_ batch: [VerificationOutcomeRecord], at: Date,
                                    folding: OutcomeFolding = .now) throws -> [RecordResult] {
        if batch.isEmpty { return [] }
        let stamp = StoreDate.value(at)
        // One query for the whole batch instead of a SELECT per record; the primary key's index covers it.
        let idsJSON = JSONArrayText.strings(Set(batch.map(\.nationalID)))
        return try pool.write { db in
            let select = try db.cachedStatement(sql: """
                SELECT national_id FROM beneficiaries WHERE national_id IN (SELECT value FROM json_each(?))
                """)
            let known = try Set(String.fetchCursor(select, arguments: [idsJSON]))

            // The unique index `verifications_once` makes this insert the idempotency check.
            // ON CONFLICT, not OR IGNORE: OR IGNORE would also skip a row failing a CHECK, and
            // report a bad outcome as a duplicate.
            let verification = try db.cachedStatement(sql: """
                INSERT INTO verifications (task_id, national_id, period, outcome, mismatch_fields, warnings,
                                           detail, attempt, worker, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (national_id, period, task_id) DO NOTHING
                """)
            let outbox = try db.cachedStatement(sql: Self.outboxInsertSQL)

            var results: [RecordResult] = []
            results.reserveCapacity(batch.count)
            for record in batch {
                let fields = record.mismatchFields.isEmpty ? nil : record.mismatchFields.joined(separator: ",")
                try verification.execute(arguments: [
                    record.taskID, record.nationalID, record.period, record.outcome, fields,
                    record.warningsJSON, record.detail, record.attempt, record.worker, stamp,
                ])
                if db.changesCount == 0 {
                    results.append(.duplicate)
                    continue
                }
                for message in record.followUps {
                    try outbox.execute(arguments: try Self.outboxArguments(message, stamp: stamp))
                }
                results.append(known.contains(record.nationalID) ? .recorded : .unknownBeneficiary)
            }
            if folding == .now {
                try Self.foldAll(db, stamp: stamp)
            }
            return results
        }
    }

    /// The task IDs of `keys` whose outcome is already recorded: step 3 of the delivery discipline
    /// (skip work already done) for verify tasks, a whole prefetch window in one query. Walks the
    /// `verifications_once` index in ID-number order; see ``VerificationKey``.
    public func recordedVerifications(_ keys: [VerificationKey]) throws -> Set<String> {
        if keys.isEmpty { return [] }
        let json = JSONArrayText.rows(keys.map { [$0.nationalID, $0.period, $0.taskID] })
        return try pool.read { db in
            // CROSS JOIN keeps the keys as the outer loop, one index probe each.
            let statement = try db.cachedStatement(sql: """
                SELECT v.task_id FROM json_each(?) AS k CROSS JOIN verifications AS v
                WHERE v.national_id = json_extract(k.value, '$[0]') AND v.period = json_extract(k.value, '$[1]')
                  AND v.task_id = json_extract(k.value, '$[2]')
                """)
            return try Set(String.fetchCursor(statement, arguments: [json]))
        }
    }

    /// The subset of `taskIDs` already in `task_log`: step 3 of the delivery discipline (skip work
    /// already done) for a whole prefetch window in one query. Register and outreach tasks are
    /// logged there; verify tasks since schema v7 only in `verifications`, so ask
    /// ``recordedVerifications(_:)`` for them.
    public func recordedTaskIDs(_ taskIDs: [String]) throws -> Set<String> {
        if taskIDs.isEmpty { return [] }
        let json = JSONArrayText.strings(taskIDs)
        return try pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT task_id FROM task_log WHERE task_id IN (SELECT value FROM json_each(?))
                """)
            return try Set(String.fetchCursor(statement, arguments: [json]))
        }
    }
}
