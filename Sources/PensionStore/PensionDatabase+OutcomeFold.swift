import Foundation
import GRDB
import PensionDomain

extension PensionDatabase {
    /// Version 8: how far the beneficiaries' state has taken in `verifications`. Outcome rows are
    /// the durable fact; the state columns of `beneficiaries` are derived from them in rowid order
    /// ("folded"), in the recording transaction or later in bulk (``OutcomeFolding``). Every
    /// outcome already on an upgraded file was applied when it was recorded, so the mark starts at
    /// the newest row.
    static let schemaV8OutcomeFold = """
        CREATE TABLE outcome_fold (
            name TEXT NOT NULL PRIMARY KEY,
            -- rowid of the last verifications row whose effect is in beneficiaries
            folded_through INTEGER NOT NULL CHECK (folded_through >= 0)
        ) WITHOUT ROWID;
        INSERT INTO outcome_fold (name, folded_through)
            VALUES ('beneficiaries', (SELECT coalesce(max(rowid), 0) FROM verifications));
        """

    /// Outcome rows one fold transaction takes at most by default: enough to share pages, few enough
    /// to keep a worker within its memory budget (20,000 took it to 69–77 MiB, docs/performance.md).
    public static let foldBatch = 5_000

    /// Applies up to `limit` outcomes not yet in the beneficiaries' state, oldest first, in one write
    /// transaction; returns how many outcome rows it took (0: nothing was pending). Several processes
    /// may fold the same file: the mark is read and moved inside the transaction, so each outcome is
    /// applied exactly once.
    @discardableResult
    public func foldOutcomes(limit: Int = foldBatch, at date: Date) throws -> Int {
        try pool.write { db in try Self.fold(db, limit: limit, stamp: StoreDate.value(date)) }
    }

    /// Folds everything pending, `batch` outcomes per transaction; returns how many it applied.
    /// Commands that decide from the state (report, review, outreach planning, payment switches)
    /// call it first, so an outcome a running worker has recorded but not yet folded still counts.
    @discardableResult
    public func foldAllOutcomes(batch: Int = foldBatch, at date: Date) throws -> Int {
        var total = 0
        while true {
            let folded = try foldOutcomes(limit: batch, at: date)
            total += folded
            if folded < batch { return total }
        }
    }

    /// Outcome rows recorded but not yet in the beneficiaries' state (the folder's backlog).
    public func unfoldedOutcomeCount() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT coalesce(max(rowid), 0) FROM verifications) - folded_through
                FROM outcome_fold WHERE name = 'beneficiaries'
                """) ?? 0
        }
    }

    /// Everything pending, inside the caller's write transaction, ``foldBatch`` rows in memory at a time.
    static func foldAll(_ db: Database, stamp: DatabaseValue) throws {
        while try fold(db, limit: foldBatch, stamp: stamp) == foldBatch {}
    }

    /// The fold, inside the caller's write transaction. Relies on `verifications` being append-only
    /// (nothing deletes from it): SQLite gives a new row max(rowid) + 1 while holding the one write
    /// lock, so rows commit in rowid order and a mark below a committed row never skips one.
    ///
    /// Per outcome, in rowid order, the rules of ``BeneficiaryState/applying(outcome:fields:period:)``;
    /// an outcome for a person not on the roster, or for a period older than the stored one (a
    /// replayed old task), leaves the state alone. Each status change writes an audit row. Then one
    /// UPDATE per person, in ID-number order, so neighbouring rows share their pages.
    static func fold(_ db: Database, limit: Int, stamp: DatabaseValue) throws -> Int {
        let through = try Int64.fetchOne(db, sql: "SELECT folded_through FROM outcome_fold WHERE name = 'beneficiaries'") ?? 0
        var pending: [PendingOutcome] = []
        var last = through
        let rows = try Row.fetchCursor(db, sql: """
            SELECT rowid, task_id, national_id, period, outcome, mismatch_fields FROM verifications
            WHERE rowid > ? ORDER BY rowid LIMIT ?
            """, arguments: [through, limit])
        while let row = try rows.next() {
            last = row[0]
            pending.append(PendingOutcome(taskID: row[1], nationalID: row[2], period: row[3], outcome: row[4], fields: row[5]))
        }
        if pending.isEmpty { return 0 }

        let distinct = Set(pending.map(\.nationalID))
        var states: [String: BeneficiaryState] = [:]
        states.reserveCapacity(distinct.count)
        let ids = JSONArrayText.strings(distinct)
        let select = try db.cachedStatement(sql: """
            SELECT national_id, status, hold_reason, last_verified_period FROM beneficiaries
            WHERE national_id IN (SELECT value FROM json_each(?))
            """)
        let cursor = try Row.fetchCursor(select, arguments: [ids])
        while let row = try cursor.next() {
            states[row[0]] = BeneficiaryState(status: row[1], holdReason: row[2], period: row[3])
        }

        let stored = states
        let audit = try db.cachedStatement(sql: auditInsertSQL)
        var lastOutcome: [String: String] = [:]   // the people whose state moved, and their latest outcome
        for outcome in pending {
            let id = outcome.nationalID
            guard let before = states[id] else { continue }
            if let stored = before.period, outcome.period < stored { continue }
            let fields = outcome.fields.map { $0.split(separator: ",").map(String.init) } ?? []
            let after = before.applying(outcome: outcome.outcome, fields: fields, period: outcome.period)
            if after.status != before.status {
                try audit.execute(arguments: [id, outcome.taskID, "status", before.status, after.status,
                                              after.holdReason ?? outcome.outcome, stamp])
            }
            states[id] = after
            lastOutcome[id] = outcome.outcome
        }

        // Most outcomes leave the status and hold reason as they were. Leaving those columns out
        // of the SET list then spares SQLite the upkeep of the indexes that name them (the partial
        // review index), which it does for every column set, changed or not.
        let update = try db.cachedStatement(sql: """
            UPDATE beneficiaries
            SET last_outcome = ?, last_verified_period = ?, status = ?, hold_reason = ?, updated_at = ?
            WHERE national_id = ?
            """)
        let record = try db.cachedStatement(sql: """
            UPDATE beneficiaries SET last_outcome = ?, last_verified_period = ?, updated_at = ? WHERE national_id = ?
            """)
        for (id, outcome) in lastOutcome.sorted(by: { $0.key < $1.key }) {
            let state = states[id]!
            if let stored = stored[id], stored.status == state.status, stored.holdReason == state.holdReason {
                try record.execute(arguments: [outcome, state.period, stamp, id])
            } else {
                try update.execute(arguments: [outcome, state.period, state.status, state.holdReason, stamp, id])
            }
        }
        try db.execute(sql: "UPDATE outcome_fold SET folded_through = ? WHERE name = 'beneficiaries'", arguments: [last])
        return pending.count
    }
}

/// One outcome row the fold applies: only the columns that move the state.
private struct PendingOutcome {
    let taskID: String
    let nationalID: String
    let period: String
    let outcome: String
    /// `mismatch_fields` as stored: comma-separated, or nil.
    let fields: String?
}
