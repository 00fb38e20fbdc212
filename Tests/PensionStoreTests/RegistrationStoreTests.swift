import Foundation
import GRDB
import PensionDomain
import Testing
@testable import PensionStore

/// Schema v2: registration decisions, pending payment switches, the shared-account check.
@Suite struct RegistrationStoreTests {
    let dir: TemporaryDirectory
    let db: PensionDatabase

    init() throws {
        dir = try TemporaryDirectory()
        db = try PensionDatabase(path: dir.path("node.sqlite"))
        _ = try db.upsertBeneficiaries((1...4).map { Fixtures.beneficiary($0) }, at: Fixtures.now)
    }

    func request(_ n: Int, account: String = "0071000999001", bin: String = "970436") throws -> RegistrationRequest {
        RegistrationRequest(nationalID: try NationalID.parse(Fixtures.nationalID(n)), bankBIN: bin, bankAccount: account,
                            holderName: "Nguyễn Văn An", channel: .bank, requestedAt: Fixtures.now)
    }

    func record(_ task: String, _ n: Int, _ decision: RegistrationDecision, account: String = "0071000999001") throws -> RegistrationRecord {
        RegistrationRecord(taskID: task, request: try request(n, account: account), decision: decision,
                           bankHolderName: "NGUYEN VAN AN", attempt: 1, worker: "test")
    }

    func count(_ sql: String) throws -> Int {
        try db.pool.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    let december = Period(year: 2026, month: 12)!

    @Test func registeredStoresAPendingSwitchAndAppliesItFromItsPeriod() throws {
        let results = try db.recordRegistrations([
            try record("r1", 1, .registered(effectivePeriod: december)),
            try record("r2", 2, .rejected(reason: .cardNumber), account: "9704360000000000"),
        ], at: Fixtures.now)
        #expect(results == [.recorded(.registered(effectivePeriod: december)), .recorded(.rejected(reason: .cardNumber))])
        // Still paid in cash until December.
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1))?.paymentMethod == .cash)
        #expect(try db.applyDuePaymentSwitches(period: Period(year: 2026, month: 11)!, at: Fixtures.now) == 0)
        #expect(try db.applyDuePaymentSwitches(period: december, at: Fixtures.now) == 1)
        #expect(try db.applyDuePaymentSwitches(period: december, at: Fixtures.now) == 0)
        let row = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(1)))
        #expect(row.paymentMethod == .bank && row.bankBIN == "970436" && row.bankAccount == "0071000999001")
        let audit = try db.pool.read { try String.fetchAll($0, sql: "SELECT field || '=' || after FROM audit ORDER BY id") }
        #expect(audit == ["payment_switch=bank 970436 **********001 from 2026-12", "payment_method=bank 970436 **********001"])
        #expect(try count("SELECT count(*) FROM registrations") == 2)
        #expect(try db.registrationDecisionCounts() == ["registered": 1, "rejected:card_number": 1])
        #expect(try db.registrationsEffective(in: december).map(\.nationalID) == [Fixtures.nationalID(1)])
        #expect(try db.progressReport().totals.registered == 1)
    }

    @Test func aRedeliveredBatchChangesNothingTwice() throws {
        let batch = [try record("r1", 1, .registered(effectivePeriod: december)), try record("r2", 2, .review(reason: .sharedAccount))]
        _ = try db.recordRegistrations(batch, at: Fixtures.now)
        let before = try ["registrations", "audit", "payment_switches", "task_log"].map { try count("SELECT count(*) FROM \($0)") }
        #expect(try db.recordRegistrations(batch, at: Fixtures.now) == [.duplicate, .duplicate])
        #expect(try ["registrations", "audit", "payment_switches", "task_log"].map { try count("SELECT count(*) FROM \($0)") } == before)
    }

    /// A task ID the `task_log` CHECK refuses (SQLite's length() stops at the NUL) is an error for
    /// the caller to park, never a "duplicate" that is acked with nothing recorded; the same for
    /// the outreach writer of `task_log`.
    @Test func aTaskIDTheSchemaRefusesIsAnErrorNotADuplicate() throws {
        #expect(throws: DatabaseError.self) {
            try db.recordRegistrations([try record("\u{0}r1", 1, .registered(effectivePeriod: december))], at: Fixtures.now)
        }
        #expect(throws: DatabaseError.self) {
            try db.pool.write { try PensionDatabase.logTask($0, taskID: "\u{0}o1", outcome: "sent", stamp: Fixtures.now.databaseValue) }
        }
        #expect(try count("SELECT count(*) FROM task_log") == 0)
        #expect(try db.pool.write { try PensionDatabase.logTask($0, taskID: "o1", outcome: "sent", stamp: Fixtures.now.databaseValue) })
        #expect(try db.pool.write { try PensionDatabase.logTask($0, taskID: "o1", outcome: "sent", stamp: Fixtures.now.databaseValue) } == false)
    }

    @Test func anAccountOfAnotherBeneficiaryTurnsARegistrationIntoReview() throws {
        // Fixtures' bank-paid beneficiaries use 970436 / 0071000123456.
        _ = try db.upsertBeneficiaries([Fixtures.beneficiary(9, payment: .bank)], at: Fixtures.now)
        let shared = try record("r1", 1, .registered(effectivePeriod: december), account: "0071000123456")
        #expect(try db.accountsPayingOthers([AccountClaim(nationalID: Fixtures.nationalID(1), bankBIN: "970436", bankAccount: "0071000123456")]).count == 1)
        #expect(try db.accountsPayingOthers([AccountClaim(nationalID: Fixtures.nationalID(9), bankBIN: "970436", bankAccount: "0071000123456")]).isEmpty)
        // Two people claiming one fresh account in one batch: the second goes to review.
        let first = try record("r2", 2, .registered(effectivePeriod: december), account: "1234567890")
        let second = try record("r3", 3, .registered(effectivePeriod: december), account: "1234567890")
        let results = try db.recordRegistrations([shared, first, second], at: Fixtures.now)
        #expect(results == [.recorded(.review(reason: .sharedAccount)), .recorded(.registered(effectivePeriod: december)),
                            .recorded(.review(reason: .sharedAccount))])
        #expect(try count("SELECT count(*) FROM payment_switches") == 1)
        #expect(try count("SELECT count(*) FROM audit WHERE field = 'registration' AND reason = 'shared_account'") == 2)
    }

    @Test func aLaterRegistrationReplacesAPendingSwitch() throws {
        _ = try db.recordRegistrations([try record("r1", 1, .registered(effectivePeriod: december), account: "111111111")], at: Fixtures.now)
        let january = Period(year: 2027, month: 1)!
        _ = try db.recordRegistrations([try record("r2", 1, .registered(effectivePeriod: january), account: "222222222")], at: Fixtures.now)
        #expect(try count("SELECT count(*) FROM payment_switches") == 1)
        #expect(try db.applyDuePaymentSwitches(period: january, at: Fixtures.now) == 1)
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1))?.bankAccount == "222222222")
        let before = try db.pool.read { try String.fetchOne($0, sql: "SELECT before FROM audit WHERE task_id = 'r2' AND field = 'payment_switch'") }
        #expect(before == "bank 970436 ******111 from 2026-12")
    }

    @Test func retryLaterIsNeverRecordedAndSchemaRefusesNonsense() throws {
        #expect(throws: StoreError.self) {
            try db.recordRegistrations([try record("r1", 1, .retryLater(reason: .verificationPending))], at: Fixtures.now)
        }
        #expect(throws: DatabaseError.self) {
            try db.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO registrations (task_id, national_id, bank_bin, bank_account, holder_name_key, decision, reason,
                        effective_period, channel, requested_at, decided_at, attempt)
                    VALUES ('x', '079000000001', '970436', '123456', 'A', 'registered', 'card_number', '2026-12', 'bank', 'a', 'b', 1)
                    """)
            }
        }
    }

    @Test func registrationStateReadsVerificationFromTheRow() throws {
        let row = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(1)))
        #expect(row.registrationState.verification == .pending)
        _ = try db.recordVerifications([Fixtures.outcome("v1", 1, "verified")], at: Fixtures.now)
        let verified = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(1)))
        #expect(verified.registrationState == .verified(fullName: "Nguyễn Văn An"))
        _ = try db.recordVerifications([Fixtures.outcome("v2", 2, "deceased")], at: Fixtures.now)
        let dead = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(2)))
        #expect(dead.registrationState.deceased)
    }
}
