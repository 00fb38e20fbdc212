import Foundation
import GRDB
import PensionDomain

extension PensionDatabase {
    /// Records a batch of registration decisions in ONE write transaction (group commit).
    ///
    /// Per record, in order: a task ID already in `task_log` → `.duplicate`, nothing changes.
    /// Otherwise, for a `registered` decision the shared-account check is made again inside the
    /// transaction (it sees every writer's committed work and the earlier records of this batch), and
    /// a hit turns the decision into `review: shared_account`: two workers racing on one account can
    /// never both register it. Then the `registrations` and `task_log` rows are written; a
    /// registration also stores the pending `payment_switches` row (replacing one still pending) and
    /// an audit row; a review writes an audit row too, so the fraud signal shows in the trail.
    ///
    /// The results are in batch order. Ack the deliveries only after this returns: it has committed.
    /// If it throws, nothing of the batch is stored.
    ///
    /// - Throws: `StoreError(.invalidArgument)` for a `retryLater` decision (nothing to record).
    public func recordRegistrations(_ batch: [RegistrationRecord], at: Date) throws -> [RegistrationRecordResult] {
        if batch.isEmpty { return [] }
        guard batch.allSatisfy(\.decision.isFinal) else {
            throw StoreError(.invalidArgument, "a retry_later decision cannot be recorded")
        }
        let stamp = StoreDate.value(at)
        return try pool.write { db in
            let taskLog = try db.cachedStatement(sql: Self.taskLogInsertSQL)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO registrations (task_id, national_id, bank_bin, bank_account, holder_name_key, bank_holder_key,
                                           authorised_holder_id, authorisation_expires, decision, reason, effective_period,
                                           channel, requested_at, decided_at, attempt, worker)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let pending = try db.cachedStatement(sql: """
                SELECT bank_bin, bank_account, effective_period FROM payment_switches WHERE national_id = ?
                """)
            let current = try db.cachedStatement(sql: "SELECT payment_method FROM beneficiaries WHERE national_id = ?")
            let switchInsert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO payment_switches (national_id, task_id, bank_bin, bank_account, effective_period, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            let audit = try db.cachedStatement(sql: Self.auditInsertSQL)

            var results: [RegistrationRecordResult] = []
            results.reserveCapacity(batch.count)
            for record in batch {
                var decision = record.decision
                let request = record.request
                let id = request.nationalID.digits
                if decision.kind == .registered {
                    let claim = AccountClaim(nationalID: id, bankBIN: request.bankBIN, bankAccount: request.bankAccount)
                    // A registration for a person no longer on record cannot hold a switch (foreign key).
                    if try Self.accountPaysAnother(claim, db) {
                        decision = .review(reason: .sharedAccount)
                    } else if try String.fetchOne(current, arguments: [id]) == nil {
                        decision = .rejected(reason: .unknownBeneficiary)
                    }
                }
                // The insert is the idempotency check: no row added means the task was already done.
                try taskLog.execute(arguments: [record.taskID, "register", decision.kind.rawValue, stamp])
                if db.changesCount == 0 {
                    results.append(.duplicate)
                    continue
                }
                try insert.execute(arguments: [
                    record.taskID, id, request.bankBIN, request.bankAccount,
                    PersonName.unaccentedKey(request.holderName), record.bankHolderName.map(PersonName.unaccentedKey),
                    request.authorisedHolderID?.digits, request.authorisationExpires?.iso,
                    decision.kind.rawValue, decision.reason?.rawValue, decision.effectivePeriod?.description,
                    request.channel.rawValue, StoreDate.value(request.requestedAt), stamp, record.attempt, record.worker,
                ])
                results.append(.recorded(decision))

                switch decision {
                case .registered(let period):
                    let before = try Row.fetchOne(pending, arguments: [id]).map { row in
                        Self.switchSummary(bin: row[0], account: row[1], period: row[2])
                    }
                    let method = try String.fetchOne(current, arguments: [id]) ?? PaymentMethod.cash.rawValue
                    try switchInsert.execute(arguments: [id, record.taskID, request.bankBIN, request.bankAccount, period.description, stamp])
                    try audit.execute(arguments: [
                        id, record.taskID, "payment_switch", before ?? method,
                        Self.switchSummary(bin: request.bankBIN, account: request.bankAccount, period: period.description),
                        "registered", stamp,
                    ])
                case .review(let reason):
                    try audit.execute(arguments: [
                        id, record.taskID, "registration", nil,
                        "review: \(reason) (\(request.bankBIN) \(Masking.account(request.bankAccount)))", reason.rawValue, stamp,
                    ])
                case .rejected, .retryLater:
                    break
                }
            }
            return results
        }
    }

    /// The claims whose account already pays another beneficiary (any stored account of another
    /// person, whatever their payment method or status) or is about to (another person's pending
    /// switch), in one read.
    public func accountsPayingOthers(_ claims: [AccountClaim]) throws -> Set<AccountClaim> {
        if claims.isEmpty { return [] }
        return try pool.read { db in
            var shared = Set<AccountClaim>()
            for claim in Set(claims) where try Self.accountPaysAnother(claim, db) {
                shared.insert(claim)
            }
            return shared
        }
    }

    /// Moves every pending switch due by `period` (effective period ≤ `period`) into its
    /// beneficiary: payment method `bank`, the registered BIN and account; one audit row each; the
    /// switch row is deleted. A deceased beneficiary's switch is dropped (audited), never applied.
    /// One transaction; running it again for the same period does nothing. Returns how many switched.
    /// Outcomes not yet folded are folded first in it, so a death just recorded is seen.
    public func applyDuePaymentSwitches(period: Period, at: Date) throws -> Int {
        let stamp = StoreDate.value(at)
        return try pool.write { db in
            try Self.foldAll(db, stamp: stamp)
            let due = try Row.fetchAll(db, sql: """
                SELECT s.national_id, s.task_id, s.bank_bin, s.bank_account, s.effective_period,
                       b.payment_method, b.bank_bin, b.bank_account, b.status
                FROM payment_switches s JOIN beneficiaries b ON b.national_id = s.national_id
                WHERE s.effective_period <= ?
                ORDER BY s.national_id
                """, arguments: [period.description])
            let update = try db.cachedStatement(sql: """
                UPDATE beneficiaries SET payment_method = 'bank', bank_bin = ?, bank_account = ?, updated_at = ?
                WHERE national_id = ?
                """)
            let delete = try db.cachedStatement(sql: "DELETE FROM payment_switches WHERE national_id = ?")
            let audit = try db.cachedStatement(sql: Self.auditInsertSQL)
            var switched = 0
            for row in due {
                let id: String = row[0], task: String = row[1], bin: String = row[2], account: String = row[3]
                let effective: String = row[4], method: String = row[5], status: String = row[8]
                try delete.execute(arguments: [id])
                if status == BeneficiaryStatus.deceased.rawValue {
                    try audit.execute(arguments: [id, task, "payment_switch", Self.switchSummary(bin: bin, account: account, period: effective),
                                                  nil, "dropped: beneficiary deceased", stamp])
                    continue
                }
                try update.execute(arguments: [bin, account, stamp, id])
                let oldBIN: String? = row[6], oldAccount: String? = row[7]
                let before = oldAccount.map { "\(method) \(oldBIN ?? "") \(Masking.account($0))" } ?? method
                try audit.execute(arguments: [id, task, "payment_method", before, "bank \(bin) \(Masking.account(account))",
                                              "registration effective \(effective)", stamp])
                switched += 1
            }
            return switched
        }
    }

    /// Every registration that takes effect in `period`, for the payment system: in national ID order,
    /// complete (all registrations ever decided for that period, whether already applied or not) and
    /// stable (the same file each time it is asked).
    public func registrationsEffective(in period: Period) throws -> [RegistrationExportRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.national_id, r.bank_bin, r.bank_account, r.effective_period, r.task_id, r.decided_at,
                       r.authorised_holder_id
                FROM registrations r
                WHERE r.decision = 'registered' AND r.effective_period = ?
                  -- a later registration of the same person for the same period supersedes this one
                  AND NOT EXISTS (SELECT 1 FROM registrations later
                                  WHERE later.national_id = r.national_id AND later.decision = 'registered'
                                    AND later.effective_period = r.effective_period
                                    AND (later.decided_at, later.task_id) > (r.decided_at, r.task_id))
                ORDER BY r.national_id
                """, arguments: [period.description]).map { row in
                RegistrationExportRow(nationalID: row[0], bankBIN: row[1], bankAccount: row[2], effectivePeriod: row[3],
                                      taskID: row[4], decidedAt: row[5], authorisedHolderID: row[6])
            }
        }
    }

    /// Decisions recorded so far, by `decision` and reason (`registered` has reason ""), for tests and reports.
    public func registrationDecisionCounts() throws -> [String: Int] {
        try pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT decision || coalesce(':' || reason, ''), count(*) FROM registrations GROUP BY 1
                """) {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    static func accountPaysAnother(_ claim: AccountClaim, _ db: Database) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM beneficiaries WHERE bank_bin = ?1 AND bank_account = ?2 AND national_id <> ?3)
                OR EXISTS (SELECT 1 FROM payment_switches WHERE bank_bin = ?1 AND bank_account = ?2 AND national_id <> ?3)
            """)
        return try Bool.fetchOne(statement, arguments: [claim.bankBIN, claim.bankAccount, claim.nationalID]) ?? false
    }

    /// `bank 970436 ****456 from 2026-12`: the account masked, as audit rows are read by many.
    static func switchSummary(bin: String, account: String, period: String) -> String {
        "bank \(bin) \(Masking.account(account)) from \(period)"
    }
}
