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

    @Test func anIDTwiceInOneBatchIsInsertedThenUpdatedAsIfTheLinesCameOneByOne() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        let banked = Fixtures.beneficiary(1, payment: .bank)
        var renamed = banked
        renamed.fullName = "Nguyễn Văn Ân"
        let summary = try db.upsertBeneficiaries(
            [Fixtures.beneficiary(1), Fixtures.beneficiary(2), banked, Fixtures.beneficiary(3), renamed, renamed],
            at: Fixtures.now)
        #expect(summary == UpsertSummary(inserted: 3, updated: 2, unchanged: 1))
        let row = try #require(try db.beneficiary(nationalID: Fixtures.nationalID(1)))
        #expect(row.fullName == "Nguyễn Văn Ân")
        #expect(row.paymentMethod == .bank)
        let audit = try db.pool.read { try Row.fetchAll($0, sql: "SELECT before, after FROM audit") }
        #expect(audit.map { [$0["before"] as String, $0["after"] as String] } == [["cash", "bank"]])
    }

    @Test func aChangeInAnySingleColumnIsAnUpdateAndAllUnchangedIsNot() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        let base = Fixtures.beneficiary(1, payment: .bank)
        _ = try db.upsertBeneficiaries([base], at: Fixtures.now)
        let edits: [(String, (inout BeneficiaryUpsert) -> Void)] = [
            ("full_name", { $0.fullName = "Nguyễn Văn Ân" }), ("date_of_birth", { $0.dateOfBirth = "1950-04" }),
            ("sex", { $0.sex = nil }), ("province_code", { $0.provinceCode = "01" }),
            ("commune_code", { $0.communeCode = nil }), ("phone", { $0.phone = "0912345678" }),
            ("payment_method", { $0.paymentMethod = .cash; $0.bankBIN = nil; $0.bankAccount = nil }),
            ("bank_bin", { $0.bankBIN = "970415" }), ("bank_account", { $0.bankAccount = "0071000999999" }),
            ("legacy_bhxh_code", { $0.legacyBHXHCode = nil }),
        ]
        for (column, edit) in edits {
            var changed = base
            edit(&changed)
            #expect(try db.upsertBeneficiaries([changed], at: Fixtures.now).updated == 1, "\(column)")
            #expect(try db.upsertBeneficiaries([base], at: Fixtures.now).updated == 1, "\(column) back")
        }
        #expect(try db.upsertBeneficiaries([base], at: Fixtures.now) == UpsertSummary(inserted: 0, updated: 0, unchanged: 1))
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
