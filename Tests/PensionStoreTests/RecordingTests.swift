import Foundation
import GRDB
import Testing
@testable import PensionStore

@Suite struct RecordingTests {
    let dir: TemporaryDirectory
    let db: PensionDatabase

    init() throws {
        dir = try TemporaryDirectory()
        db = try Fixtures.databaseWithFive(in: dir)
    }

    func count(_ table: String) throws -> Int {
        try db.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    func auditRows() throws -> [Row] {
        try db.pool.read { try Row.fetchAll($0, sql: "SELECT national_id, task_id, field, before, after, reason FROM audit ORDER BY id") }
    }

    @Test func sameBatchTwiceIsAllDuplicateAndChangesNothing() throws {
        let batch = [
            Fixtures.outcome("t1", 1, "verified", followUps: [Fixtures.message("m1")]),
            Fixtures.outcome("t2", 2, "mismatch", fields: ["full_name"]),
            Fixtures.outcome("t3", 99, "not_found"),
        ]
        #expect(try db.recordVerifications(batch, at: Fixtures.now) == [.recorded, .recorded, .unknownBeneficiary])
        let before = try ["verifications", "audit", "outbox"].map(count)
        let snapshot = try db.beneficiary(nationalID: Fixtures.nationalID(2))

        let later = Fixtures.now.addingTimeInterval(3600)
        #expect(try db.recordVerifications(batch, at: later) == [.duplicate, .duplicate, .duplicate])
        #expect(try ["verifications", "audit", "outbox"].map(count) == before)
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(2)) == snapshot)
        #expect(before == [3, 1, 1])
        #expect(try count("task_log") == 0, "since v7 verify tasks are not logged in task_log")
    }

    @Test func recordedVerificationsFindsOnlyTheExactTaskPersonAndPeriod() throws {
        _ = try db.recordVerifications([Fixtures.outcome("t1", 1, "verified"), Fixtures.outcome("t2", 2, "verified")], at: Fixtures.now)
        let keys = [
            VerificationKey(taskID: "t1", nationalID: Fixtures.nationalID(1), period: "2026-01"),   // recorded
            VerificationKey(taskID: "t2", nationalID: Fixtures.nationalID(2), period: "2026-02"),   // other period
            VerificationKey(taskID: "t2", nationalID: Fixtures.nationalID(3), period: "2026-01"),   // other person
            VerificationKey(taskID: "t3", nationalID: Fixtures.nationalID(1), period: "2026-01"),   // other task
        ]
        #expect(try db.recordedVerifications(keys) == ["t1"])
        #expect(try db.recordedVerifications([]) == [])
        // A batch larger than SQLite's variable limit goes in one JSON argument.
        let many = (0..<40_000).map { VerificationKey(taskID: "x\($0)", nationalID: Fixtures.nationalID(1), period: "2026-01") } + [keys[0]]
        #expect(try db.recordedVerifications(many) == ["t1"])
    }

    @Test func aTaskRecordedAgainForAnotherPeriodIsANewOutcome() throws {
        // The key is task, person and period; a task ID is never reused across them by our producers,
        // but if one were, the outcome is stored rather than lost as a "duplicate".
        let results = try db.recordVerifications([Fixtures.outcome("t1", 1, "verified"), Fixtures.outcome("t1", 1, "verified", period: "2026-02")],
                                                 at: Fixtures.now)
        #expect(results == [.recorded, .recorded])
        #expect(try count("verifications") == 2)
    }

    @Test func duplicateTaskInsideOneBatchIsRecordedOnce() throws {
        let batch = [Fixtures.outcome("t1", 1, "mismatch", fields: ["sex"]), Fixtures.outcome("t1", 1, "verified")]
        #expect(try db.recordVerifications(batch, at: Fixtures.now) == [.recorded, .duplicate])
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1))?.status == .hold)
    }

    @Test func mismatchHoldsThenVerifiedLiftsWithAuditRows() throws {
        let id = Fixtures.nationalID(1)
        _ = try db.recordVerifications(
            [Fixtures.outcome("t1", 1, "mismatch", fields: ["full_name", "date_of_birth"])], at: Fixtures.now)
        var row = try #require(try db.beneficiary(nationalID: id))
        #expect(row.status == .hold)
        #expect(row.holdReason == "mismatch: full_name,date_of_birth")
        #expect(row.lastOutcome == "mismatch")
        #expect(row.lastVerifiedPeriod == "2026-01")

        // A second non-verified outcome keeps the hold, refreshes the reason, writes no status audit.
        _ = try db.recordVerifications([Fixtures.outcome("t2", 1, "not_found", period: "2026-02")], at: Fixtures.now)
        row = try #require(try db.beneficiary(nationalID: id))
        #expect(row.status == .hold)
        #expect(row.holdReason == "not_found")

        _ = try db.recordVerifications([Fixtures.outcome("t3", 1, "verified", period: "2026-03")], at: Fixtures.now)
        row = try #require(try db.beneficiary(nationalID: id))
        #expect(row.status == .active)
        #expect(row.holdReason == nil)
        #expect(row.lastOutcome == "verified")

        let audit = try auditRows()
        #expect(audit.count == 2)
        #expect(audit.map { $0["task_id"] as String? } == ["t1", "t3"])
        #expect(audit.map { $0["before"] as String? } == ["active", "hold"])
        #expect(audit.map { $0["after"] as String? } == ["hold", "active"])
        #expect(audit.map { $0["reason"] as String } == ["mismatch: full_name,date_of_birth", "verified"])
        #expect(audit.allSatisfy { $0["field"] == "status" && $0["national_id"] == id })
    }

    @Test func deceasedIsFinalAndVerifiedNeverResurrects() throws {
        let id = Fixtures.nationalID(3)
        _ = try db.recordVerifications([Fixtures.outcome("t1", 3, "deceased")], at: Fixtures.now)
        #expect(try db.beneficiary(nationalID: id)?.status == .deceased)
        _ = try db.recordVerifications([
            Fixtures.outcome("t2", 3, "verified", period: "2026-02"),
            Fixtures.outcome("t3", 3, "mismatch", period: "2026-03", fields: ["sex"]),
        ], at: Fixtures.now)
        let row = try #require(try db.beneficiary(nationalID: id))
        #expect(row.status == .deceased)
        #expect(row.holdReason == nil)
        let audit = try auditRows()
        #expect(audit.count == 1)
        #expect(audit.first?["after"] == "deceased")
        #expect(audit.first?["reason"] == "deceased")
    }

    @Test func holdThenDeceasedAuditsBothChanges() throws {
        _ = try db.recordVerifications([
            Fixtures.outcome("t1", 4, "invalid"),
            Fixtures.outcome("t2", 4, "deceased", period: "2026-02"),
        ], at: Fixtures.now)
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(4))?.status == .deceased)
        #expect(try auditRows().map { "\($0["before"] as String)>\($0["after"] as String)" } == ["active>hold", "hold>deceased"])
    }

    @Test func olderPeriodIsKeptAsHistoryButDoesNotMoveState() throws {
        let id = Fixtures.nationalID(1)
        _ = try db.recordVerifications([Fixtures.outcome("t-mar", 1, "verified", period: "2026-03")], at: Fixtures.now)
        let results = try db.recordVerifications(
            [Fixtures.outcome("t-jan", 1, "mismatch", period: "2026-01", fields: ["sex"])], at: Fixtures.now)
        #expect(results == [.recorded])
        let row = try #require(try db.beneficiary(nationalID: id))
        #expect(row.status == .active)
        #expect(row.lastVerifiedPeriod == "2026-03")
        #expect(try count("verifications") == 2)
        #expect(try auditRows().isEmpty)
    }

    @Test func unknownBeneficiaryIsRecordedWithoutCreatingAPerson() throws {
        let results = try db.recordVerifications(
            [Fixtures.outcome("t1", 777, "not_found", followUps: [Fixtures.message("m-unknown")])], at: Fixtures.now)
        #expect(results == [.unknownBeneficiary])
        #expect(try count("beneficiaries") == 5)
        #expect(try count("verifications") == 1)
        #expect(try db.recordedVerifications([VerificationKey(taskID: "t1", nationalID: Fixtures.nationalID(777), period: "2026-01")]) == ["t1"])
        #expect(try count("audit") == 0)
        #expect(try count("outbox") == 1)
    }

    @Test func badOutcomeRollsBackTheWholeBatch() throws {
        let batch = [Fixtures.outcome("t1", 1, "verified"), Fixtures.outcome("t2", 2, "maybe")]
        #expect(throws: DatabaseError.self) { try db.recordVerifications(batch, at: Fixtures.now) }
        #expect(try count("verifications") == 0)
        #expect(try count("outbox") == 0)
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1))?.lastOutcome == nil)
    }

    @Test func storedVerificationKeepsAllFields() throws {
        var record = Fixtures.outcome("t1", 2, "mismatch", fields: ["full_name", "sex"])
        record.warningsJSON = #"["id_prefix"]"#
        record.detail = "name differs in diacritics"
        record.attempt = 3
        _ = try db.recordVerifications([record], at: Fixtures.now)
        let row = try #require(try db.pool.read { try Row.fetchOne($0, sql: "SELECT * FROM verifications") })
        #expect(row["mismatch_fields"] == "full_name,sex")
        #expect(row["warnings"] == #"["id_prefix"]"#)
        #expect(row["detail"] == "name differs in diacritics")
        #expect(row["attempt"] == 3)
        #expect(row["worker"] == "test")
        #expect(row["period"] == "2026-01")
        #expect(row["recorded_at"] == Fixtures.now)
    }
}
