import Foundation
import GRDB
import PensionDomain

extension PensionDatabase {
    /// Marks a notice `sending` before the gateway call, in its own committed transaction.
    ///
    /// - A task already in `task_log` → `.taskDone`.
    /// - The same notice already `sent` → `.alreadySent`.
    /// - Another notice for the same beneficiary `sending`/`sent` in the window → `.windowTaken`
    ///   (the partial UNIQUE index `notices_one_per_window` enforces this across processes).
    /// - With ``NoticeClaim/noNoticeSince``: another notice `sending` or `sent`
    ///   in any window after that instant → `.windowTaken` (the rolling rule; the write transaction serialises workers).
    /// - The same notice `sending` for another task → `.windowTaken` (that task owns the call).
    /// - Otherwise the row is inserted, or moved back to `sending` from `sending` (same task: a crash or a
    ///   retry), `deferred` or `failed`, and its attempt count goes up → `.claimed`.
    public func claimNotice(_ claim: NoticeClaim, at date: Date) throws -> NoticeClaimResult {
        let stamp = StoreDate.value(date)
        return try pool.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM task_log WHERE task_id = ?", arguments: [claim.taskID]) != nil {
                return .taskDone
            }
            if let row = try Row.fetchOne(db, sql: "SELECT state, gateway_message_id, task_id FROM notices WHERE notice_id = ?",
                                          arguments: [claim.noticeID]) {
                let state: String = row[0], owner: String = row[2]
                if state == NoticeState.sent.rawValue { return .alreadySent(gatewayMessageID: row[1]) }
                // In flight for another task (another worker): that task finishes it, or resumes it when redelivered.
                if state == NoticeState.sending.rawValue, owner != claim.taskID { return .windowTaken }
            }
            let taken = try Int.fetchOne(db, sql: """
                SELECT 1 FROM notices WHERE national_id = ? AND campaign_window = ? AND state IN ('sending', 'sent')
                AND notice_id <> ?
                """, arguments: [claim.nationalID, claim.campaignWindow, claim.noticeID])
            if taken != nil { return .windowTaken }
            if let since = claim.noNoticeSince {
                // Rolling rule across window boundaries: a notice delivered (or in flight) less than a
                // window length ago takes the slot; a stale `sending` row from long ago does not.
                let recent = try Int.fetchOne(db, sql: """
                    SELECT 1 FROM notices WHERE national_id = ? AND notice_id <> ?
                    AND state IN ('sending', 'sent') AND updated_at > ?
                    """, arguments: [claim.nationalID, claim.noticeID, StoreDate.value(since)])
                if recent != nil { return .windowTaken }
            }
            do {
                try db.execute(sql: """
                    INSERT INTO notices (notice_id, task_id, national_id, province_code, period, channel, campaign_window,
                                         state, attempts, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'sending', 1, ?, ?)
                    ON CONFLICT (notice_id) DO UPDATE SET
                        state = 'sending', task_id = excluded.task_id, failure = NULL, not_before = NULL, resumed_at = NULL,
                        attempts = attempts + 1, updated_at = excluded.updated_at
                    """, arguments: [claim.noticeID, claim.taskID, claim.nationalID, claim.provinceCode, claim.period,
                                     claim.channel.rawValue, claim.campaignWindow, stamp, stamp])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                // Lost a race with another process between the check and the insert.
                return .windowTaken
            }
            return .claimed
        }
    }

    /// The gateway accepted the notice: `sent` with its message id, and the task is done (`task_log`),
    /// in one transaction.
    public func markNoticeSent(noticeID: String, taskID: String, gatewayMessageID: String?, segments: Int?, at date: Date) throws {
        let stamp = StoreDate.value(date)
        try pool.write { db in
            try db.execute(sql: """
                UPDATE notices SET state = 'sent', gateway_message_id = ?, segments = ?, failure = NULL, updated_at = ?
                WHERE notice_id = ?
                """, arguments: [gatewayMessageID, segments, stamp, noticeID])
            try Self.logTask(db, taskID: taskID, outcome: "sent", stamp: stamp)
        }
    }

    /// The notice failed on its channel (`failure` is a code such as `invalid_number`). With
    /// `finishTask`, the task is done as well (no channel left, or retries exhausted).
    public func markNoticeFailed(noticeID: String, taskID: String, failure: String, finishTask: Bool, at date: Date) throws {
        let stamp = StoreDate.value(date)
        try pool.write { db in
            try db.execute(sql: "UPDATE notices SET state = 'failed', failure = ?, updated_at = ? WHERE notice_id = ?",
                           arguments: [failure, stamp, noticeID])
            if finishTask { try Self.logTask(db, taskID: taskID, outcome: "failed", stamp: stamp) }
        }
    }

    /// Records a notice held back by quiet hours: `deferred` until `notBefore`. The task is not done:
    /// ``resumeDueNotices(now:topology:)`` hands it back to the queue when the time comes.
    public func deferNotice(_ claim: NoticeClaim, until notBefore: Date, at date: Date) throws {
        let stamp = StoreDate.value(date)
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO notices (notice_id, task_id, national_id, province_code, period, channel, campaign_window,
                                     state, not_before, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'deferred', ?, ?, ?)
                ON CONFLICT (notice_id) DO UPDATE SET
                    state = 'deferred', task_id = excluded.task_id, not_before = excluded.not_before, resumed_at = NULL,
                    updated_at = excluded.updated_at
                WHERE state <> 'sent'
                """, arguments: [claim.noticeID, claim.taskID, claim.nationalID, claim.provinceCode, claim.period,
                                 claim.channel.rawValue, claim.campaignWindow, StoreDate.value(notBefore), stamp, stamp])
        }
    }

    /// Records a task that sends nothing: a `skipped` row with the reason (`deceased`, `on_hold`,
    /// `already_bank`, `opted_out`, `not_on_record`, …) and the task in `task_log`. Returns false
    /// when the task was already done.
    @discardableResult
    public func recordSkippedNotice(taskID: String, nationalID: String, provinceCode: String, period: String, campaignWindow: String,
                                    reason: String, at date: Date) throws -> Bool {
        let stamp = StoreDate.value(date)
        return try pool.write { db in
            guard try Self.logTask(db, taskID: taskID, outcome: "skipped", stamp: stamp) else { return false }
            try db.execute(sql: """
                INSERT INTO notices (notice_id, task_id, national_id, province_code, period, channel, campaign_window,
                                     state, failure, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, NULL, ?, 'skipped', ?, ?, ?) ON CONFLICT DO NOTHING
                """, arguments: ["skipped-" + taskID, taskID, nationalID, provinceCode, period, campaignWindow, reason, stamp, stamp])
            return true
        }
    }

    /// Marks a task done without a notice of its own (e.g. `already_noticed` in this window).
    @discardableResult
    public func finishOutreachTask(taskID: String, outcome: String, at date: Date) throws -> Bool {
        try pool.write { db in try Self.logTask(db, taskID: taskID, outcome: outcome, stamp: StoreDate.value(date)) }
    }

    /// Every notice row of a beneficiary in one window.
    public func notices(nationalID: String, campaignWindow: String) throws -> [NoticeRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notices WHERE national_id = ? AND campaign_window = ? ORDER BY created_at",
                             arguments: [nationalID, campaignWindow]).map(Self.noticeRow)
        }
    }

    /// Every notice row of a task.
    public func notices(taskID: String) throws -> [NoticeRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notices WHERE task_id = ? ORDER BY created_at", arguments: [taskID])
                .map(Self.noticeRow)
        }
    }

    /// Notice counts by state (tests, status).
    public func noticeCounts() throws -> [NoticeState: Int] {
        try pool.read { db in
            var counts: [NoticeState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM notices GROUP BY state") {
                if let state = NoticeState(rawValue: row[0]) { counts[state] = row[1] }
            }
            return counts
        }
    }

    /// Hands deferred notices whose time has come back to the work queue: one outbox row per notice
    /// (an `outreach` task with the original task id) and `resumed_at` set, in one transaction.
    /// The outbox relay publishes them; the handler then resumes the same notice. Returns how many.
    @discardableResult
    public func resumeDueNotices(now: Date, exchange: String, limit: Int = 500) throws -> Int {
        let stamp = StoreDate.value(now)
        return try pool.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT notice_id, task_id, national_id, province_code, period, not_before FROM notices
                WHERE state = 'deferred' AND resumed_at IS NULL AND not_before <= ? ORDER BY not_before LIMIT ?
                """, arguments: [stamp, limit])
            let outbox = try db.cachedStatement(sql: Self.outboxInsertSQL)
            var resumed = 0
            for row in rows {
                let noticeID: String = row["notice_id"], taskID: String = row["task_id"], province: String = row["province_code"]
                guard let id = try? NationalID.parse(row["national_id"]), let period = try? Period.parse(row["period"]) else { continue }
                let notBefore = try StoreDate.required(row["not_before"], column: "not_before")
                let task = OutreachTask(taskID: taskID, createdAt: now, period: period, nationalID: id, provinceCode: province,
                                        communeCode: nil, reason: "resumed_after_quiet_hours")
                let message = OutboxMessage(messageID: "\(taskID)-resume-\(Int(notBefore.timeIntervalSince1970))", exchange: exchange,
                                            routingKey: "outreach.\(province)", body: task.encodedJSON(), headers: [:])
                try outbox.execute(arguments: try Self.outboxArguments(message, stamp: stamp))
                try db.execute(sql: "UPDATE notices SET resumed_at = ?, updated_at = ? WHERE notice_id = ?",
                               arguments: [stamp, stamp, noticeID])
                resumed += 1
            }
            return resumed
        }
    }

    /// The stored contact preferences among these IDs, keyed by ID (one query).
    public func contactPreferences(nationalIDs: [String]) throws -> [String: ContactPreference] {
        if nationalIDs.isEmpty { return [:] }
        let json = JSONArrayText.strings(nationalIDs)
        return try pool.read { db in
            var found: [String: ContactPreference] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT * FROM contact_preferences WHERE national_id IN (SELECT value FROM json_each(?))
                """, arguments: [json]) {
                let preference = ContactPreference(
                    nationalID: row["national_id"], preferredChannel: (row["preferred_channel"] as String?).flatMap(NoticeChannel.init(rawValue:)),
                    optedOut: row["opted_out"], email: row["email"], zaloAvailable: row["zalo_available"],
                    postalAddress: row["postal_address"])
                found[preference.nationalID] = preference
            }
            return found
        }
    }

    /// Inserts or replaces contact preferences, in one transaction.
    public func upsertContactPreferences(_ preferences: [ContactPreference], at date: Date) throws {
        try pool.write { db in
            for p in preferences {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO contact_preferences
                        (national_id, preferred_channel, opted_out, email, zalo_available, postal_address, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [p.nationalID, p.preferredChannel?.rawValue, p.optedOut, p.email, p.zaloAvailable,
                                     p.postalAddress, StoreDate.value(date)])
            }
        }
    }

    /// Inserts the task into `task_log` (kind `outreach`); false when it was already there.
    @discardableResult
    static func logTask(_ db: Database, taskID: String, outcome: String, stamp: DatabaseValue) throws -> Bool {
        try db.execute(sql: taskLogInsertSQL, arguments: [taskID, "outreach", outcome, stamp])
        return db.changesCount > 0
    }

    static func noticeRow(_ row: Row) throws -> NoticeRow {
        guard let state = NoticeState(rawValue: row["state"]) else {
            throw StoreError(.unexpectedValue, "notices row with an unknown state")
        }
        return NoticeRow(
            noticeID: row["notice_id"], taskID: row["task_id"], nationalID: row["national_id"], provinceCode: row["province_code"],
            period: row["period"], channel: (row["channel"] as String?).flatMap(NoticeChannel.init(rawValue:)),
            campaignWindow: row["campaign_window"], state: state, gatewayMessageID: row["gateway_message_id"],
            segments: row["segments"], failure: row["failure"], notBefore: StoreDate.date(row["not_before"]), attempts: row["attempts"],
            createdAt: try StoreDate.required(row["created_at"], column: "created_at"),
            updatedAt: try StoreDate.required(row["updated_at"], column: "updated_at"))
    }
}
