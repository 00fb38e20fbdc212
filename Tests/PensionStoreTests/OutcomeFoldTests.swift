import Foundation
import GRDB
import Testing
@testable import PensionStore

/// Outcomes recorded with `folding: .deferred` move the beneficiaries' state only when folded, once,
/// in recording order, with the same rules as folding in the recording transaction.
@Suite struct OutcomeFoldTests {
    let dir: TemporaryDirectory
    let db: PensionDatabase

    init() throws {
        dir = try TemporaryDirectory()
        db = try Fixtures.databaseWithFive(in: dir)
    }

    func auditRows() throws -> [[String?]] {
        try db.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT national_id, task_id, before, after, reason FROM audit WHERE field = 'status' ORDER BY id")
                .map { row in (0..<5).map { row[$0] as String? } }
        }
    }

    @Test func deferredOutcomesMoveTheStateOnlyWhenFoldedAndOnlyOnce() throws {
        let results = try db.recordVerifications([
            Fixtures.outcome("t1", 1, "mismatch", fields: ["sex"]),
            Fixtures.outcome("t2", 2, "deceased"),
            Fixtures.outcome("t3", 99, "not_found"),
        ], at: Fixtures.now, folding: .deferred)
        #expect(results == [.recorded, .recorded, .unknownBeneficiary])
        #expect(try db.unfoldedOutcomeCount() == 3)
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1))?.status == .active, "not folded yet")
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1))?.lastOutcome == nil)
        #expect(try auditRows().isEmpty)

        #expect(try db.foldOutcomes(at: Fixtures.now) == 3)
        let held = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(1)))
        #expect(held.status == .hold)
        #expect(held.holdReason == "mismatch: sex")
        #expect(held.lastOutcome == "mismatch")
        #expect(held.lastVerifiedPeriod == "2026-01")
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(2))?.status == .deceased)
        #expect(try db.unfoldedOutcomeCount() == 0)
        let audit = try auditRows()
        #expect(audit.count == 2)

        #expect(try db.foldOutcomes(at: Fixtures.now) == 0, "nothing is applied twice")
        #expect(try auditRows() == audit)
    }

    @Test func aFoldAppliesAPersonsOutcomesInRecordingOrderAndHonoursItsLimit() throws {
        for (task, outcome, period) in [("t1", "mismatch", "2026-01"), ("t2", "verified", "2026-02"), ("t3", "not_found", "2026-01")] {
            _ = try db.recordVerifications([Fixtures.outcome(task, 1, outcome, period: period)], at: Fixtures.now, folding: .deferred)
        }
        #expect(try db.foldOutcomes(limit: 1, at: Fixtures.now) == 1)
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1))?.status == .hold)
        #expect(try db.unfoldedOutcomeCount() == 2)

        #expect(try db.foldOutcomes(limit: 10, at: Fixtures.now) == 2)
        let row = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(1)))
        // February's verification lifted the hold; January's late not_found is history only.
        #expect(row.status == .active)
        #expect(row.holdReason == nil)
        #expect(row.lastOutcome == "verified")
        #expect(row.lastVerifiedPeriod == "2026-02")
        let id = Fixtures.nationalID(1)
        #expect(try auditRows() == [[id, "t1", "active", "hold", "mismatch"], [id, "t2", "hold", "active", "verified"]])
    }

    /// The fold writes the status and hold reason only when they differ from the stored ones; a
    /// changed hold reason under an unchanged status still counts, and the partial review index
    /// stays true either way.
    @Test func aFoldWritesTheStatusOnlyWhenItMovedAndKeepsTheReviewIndexTrue() throws {
        _ = try db.recordVerifications([Fixtures.outcome("t1", 1, "mismatch", fields: ["sex"])], at: Fixtures.now, folding: .deferred)
        #expect(try db.foldOutcomes(at: Fixtures.now) == 1)
        let later = Fixtures.now.addingTimeInterval(3600)
        _ = try db.recordVerifications([
            Fixtures.outcome("t2", 1, "mismatch", period: "2026-02", fields: ["full_name"]),
            Fixtures.outcome("t3", 3, "verified", period: "2026-02"),
            Fixtures.outcome("t4", 4, "deceased", period: "2026-02"),
        ], at: later, folding: .deferred)
        #expect(try db.foldOutcomes(at: later) == 3)

        let held = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(1)))
        #expect(held.status == .hold)
        #expect(held.holdReason == "mismatch: full_name", "a new reason under the same status is written")
        #expect(held.lastVerifiedPeriod == "2026-02")
        let verified = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(3)))
        #expect(verified.status == .active)
        #expect(verified.lastOutcome == "verified")
        #expect(verified.lastVerifiedPeriod == "2026-02")
        #expect(abs(verified.updatedAt.timeIntervalSince(later)) < 1, "the unchanged status's row is stamped too")
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(4))?.status == .deceased)

        let (viaIndex, viaTable, check) = try db.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT national_id FROM beneficiaries INDEXED BY beneficiaries_review WHERE status IN ('active', 'hold') ORDER BY national_id"),
             try String.fetchAll(db, sql: "SELECT national_id FROM beneficiaries NOT INDEXED WHERE status IN ('active', 'hold') ORDER BY national_id"),
             try String.fetchAll(db, sql: "PRAGMA integrity_check"))
        }
        #expect(viaIndex == viaTable)
        #expect(!viaIndex.contains(Fixtures.nationalID(4)))
        #expect(check == ["ok"])
    }

    @Test func recordingWithFoldNowAlsoFoldsWhatOthersDeferred() throws {
        _ = try db.recordVerifications([Fixtures.outcome("t1", 1, "deceased")], at: Fixtures.now, folding: .deferred)
        _ = try db.recordVerifications([Fixtures.outcome("t2", 2, "mismatch", fields: ["full_name"])], at: Fixtures.now)
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1))?.status == .deceased)
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(2))?.status == .hold)
        #expect(try db.unfoldedOutcomeCount() == 0)
    }

    @Test func foldingNowTakesABacklogLargerThanOneFoldBatch() throws {
        let backlog = (0..<(PensionDatabase.foldBatch * 2 + 7)).map { Fixtures.outcome("u\($0)", 1_000 + $0, "not_found") }
        _ = try db.recordVerifications(backlog + [Fixtures.outcome("t1", 1, "deceased")], at: Fixtures.now, folding: .deferred)
        _ = try db.recordVerifications([Fixtures.outcome("t2", 2, "verified")], at: Fixtures.now)
        #expect(try db.unfoldedOutcomeCount() == 0)
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1))?.status == .deceased, "folded from behind the backlog")
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(2))?.lastOutcome == "verified")
    }

    @Test func deferredAndImmediateFoldingEndInTheSameState() throws {
        let other = try Fixtures.databaseWithFive(in: dir, file: "other.sqlite")
        let batches = [
            [Fixtures.outcome("a", 1, "mismatch", fields: ["sex"]), Fixtures.outcome("b", 2, "verified"), Fixtures.outcome("c", 3, "deceased")],
            [Fixtures.outcome("d", 1, "verified", period: "2026-02"), Fixtures.outcome("e", 3, "verified", period: "2026-02"),
             Fixtures.outcome("a", 1, "mismatch", fields: ["sex"])],
            [Fixtures.outcome("f", 2, "not_found", period: "2026-02"), Fixtures.outcome("g", 4, "invalid")],
        ]
        for batch in batches {
            _ = try db.recordVerifications(batch, at: Fixtures.now)
            _ = try other.recordVerifications(batch, at: Fixtures.now, folding: .deferred)
        }
        try other.foldOutcomes(at: Fixtures.now)
        for n in 1...5 {
            let a = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(n)))
            let b = try #require(try other.beneficiary(nationalID: Fixtures.nationalID(n)))
            #expect([a.status.rawValue, a.holdReason, a.lastOutcome, a.lastVerifiedPeriod]
                    == [b.status.rawValue, b.holdReason, b.lastOutcome, b.lastVerifiedPeriod], "beneficiary \(n)")
        }
        #expect(try other.unfoldedOutcomeCount() == 0)
    }
}
