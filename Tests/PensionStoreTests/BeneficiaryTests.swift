import Foundation
import GRDB
import Testing
@testable import PensionStore

@Suite struct BeneficiaryTests {
    @Test func upsertCountsInsertedUpdatedUnchangedAndAuditsPaymentChanges() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        let first = try db.upsertBeneficiaries((1...3).map { Fixtures.beneficiary($0) }, at: Fixtures.now)
        #expect(first == UpsertSummary(inserted: 3, updated: 0, unchanged: 0))

        let later = Fixtures.now.addingTimeInterval(86_400)
        var moved = Fixtures.beneficiary(2)
        moved.communeCode = "26737"
        let banked = Fixtures.beneficiary(3, payment: .bank)
        let second = try db.upsertBeneficiaries(
            [Fixtures.beneficiary(1), moved, banked, Fixtures.beneficiary(4)], at: later)
        #expect(second == UpsertSummary(inserted: 1, updated: 2, unchanged: 1))

        let untouched = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(1)))
        #expect(untouched.updatedAt == Fixtures.now)
        let changed = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(2)))
        #expect(changed.communeCode == "26737")
        #expect(changed.updatedAt == later)
        #expect(changed.createdAt == Fixtures.now)
        let bank = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(3)))
        #expect(bank.paymentMethod == .bank)
        #expect(bank.bankBIN == "970436")
        #expect(bank.status == .active)

        let audit = try db.pool.read { try Row.fetchAll($0, sql: "SELECT * FROM audit") }
        #expect(audit.count == 1)
        #expect(audit.first?["national_id"] == Fixtures.nationalID(3))
        #expect(audit.first?["field"] == "payment_method")
        #expect(audit.first?["before"] == "cash")
        #expect(audit.first?["after"] == "bank")
        #expect(audit.first?["task_id"] as String? == nil)
    }

    @Test func upsertNeverTouchesVerificationState() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        _ = try db.upsertBeneficiaries([Fixtures.beneficiary(1)], at: Fixtures.now)
        _ = try db.recordVerifications([Fixtures.outcome("t1", 1, "mismatch", fields: ["sex"])], at: Fixtures.now)
        var renamed = Fixtures.beneficiary(1)
        renamed.fullName = "Nguyễn Văn Ân"
        #expect(try db.upsertBeneficiaries([renamed], at: Fixtures.now).updated == 1)
        let row = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(1)))
        #expect(row.fullName == "Nguyễn Văn Ân")
        #expect(row.status == .hold)
        #expect(row.lastOutcome == "mismatch")
    }

    @Test func activeWalkPagesInIDOrderAndSkipsTheDeceased() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        _ = try db.upsertBeneficiaries((1...10).reversed().map { Fixtures.beneficiary($0) }, at: Fixtures.now)
        _ = try db.recordVerifications([
            Fixtures.outcome("t3", 3, "deceased"), Fixtures.outcome("t4", 4, "mismatch", fields: ["sex"]),
            Fixtures.outcome("t10", 10, "deceased"),
        ], at: Fixtures.now)
        var pages: [[String]] = []
        try db.forEachActiveBeneficiary(batchSize: 3) { page in
            pages.append(page.map(\.nationalID))
        }
        let expected = [1, 2, 4, 5, 6, 7, 8, 9].map(Fixtures.nationalID)
        #expect(pages.map(\.count) == [3, 3, 2])
        #expect(pages.flatMap { $0 } == expected)
        #expect(throws: StoreError.self) { try db.forEachActiveBeneficiary(batchSize: 0) { _ in } }
    }

    @Test func walkBodyMayWrite() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        _ = try db.upsertBeneficiaries((1...4).map { Fixtures.beneficiary($0) }, at: Fixtures.now)
        var seen = 0
        try db.forEachActiveBeneficiary(batchSize: 2) { page in
            seen += page.count
            try db.enqueueOutbox(page.map { Fixtures.message("review-\($0.nationalID)") }, at: Fixtures.now)
        }
        #expect(seen == 4)
        #expect(try db.pendingOutbox(limit: 10).count == 4)
    }

    @Test func unknownBeneficiaryReadsAsNil() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        #expect(try db.beneficiary(nationalID: Fixtures.nationalID(1)) == nil)
    }
}
