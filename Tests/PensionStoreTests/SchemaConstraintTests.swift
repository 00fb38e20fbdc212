import Foundation
import GRDB
import Testing
@testable import PensionStore

@Suite struct SchemaConstraintTests {
    static let badBeneficiaries: [(String, BeneficiaryUpsert)] = {
        func with(_ change: (inout BeneficiaryUpsert) -> Void) -> BeneficiaryUpsert {
            var row = Fixtures.beneficiary(1)
            change(&row)
            return row
        }
        return [
            ("11-digit ID", with { $0.nationalID = "07900000000" }),
            ("letter in ID", with { $0.nationalID = "07900000000X" }),
            ("empty name", with { $0.fullName = "  " }),
            ("birth date format", with { $0.dateOfBirth = "07/03/1950" }),
            ("sex", with { $0.sex = "X" }),
            ("3-digit province", with { $0.provinceCode = "079" }),
            ("commune", with { $0.communeCode = "267" }),
            ("bank without account", with { $0.paymentMethod = .bank; $0.bankBIN = "970436"; $0.bankAccount = nil }),
            ("BIN format", with { $0.paymentMethod = .bank; $0.bankBIN = "9704"; $0.bankAccount = "123" }),
            ("legacy code", with { $0.legacyBHXHCode = "12345" }),
        ]
    }()

    @Test(arguments: badBeneficiaries.map(\.0))
    func beneficiaryChecksRejectBadValues(_ name: String) throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        let row = try #require(Self.badBeneficiaries.first { $0.0 == name }?.1)
        #expect(throws: DatabaseError.self) { try db.upsertBeneficiaries([row], at: Fixtures.now) }
        // The same row made valid again is accepted, so the rejection above was the constraint's.
        #expect(try db.upsertBeneficiaries([Fixtures.beneficiary(1)], at: Fixtures.now).inserted == 1)
    }

    @Test(arguments: [
        "UPDATE beneficiaries SET status = 'paused'",
        "UPDATE beneficiaries SET status = 'hold'", // a hold without a reason
        "UPDATE beneficiaries SET hold_reason = 'x'", // a reason without a hold
        "UPDATE beneficiaries SET payment_method = 'wallet'",
        "UPDATE beneficiaries SET last_outcome = 'verified'", // an outcome without a period
        "INSERT INTO verifications VALUES ('t', '079000000001', '2026-01', 'ok', NULL, NULL, NULL, 1, NULL, 'x')",
        "INSERT INTO verifications VALUES ('t', '079000000001', '2026-1', 'verified', NULL, NULL, NULL, 1, NULL, 'x')",
        "INSERT INTO verifications VALUES ('t', '079000000001', '2026-01', 'verified', 'sex', NULL, NULL, 1, NULL, 'x')",
        "INSERT INTO verifications VALUES ('t', '079000000001', '2026-01', 'verified', NULL, '{bad', NULL, 1, NULL, 'x')",
        "INSERT INTO verifications VALUES ('t', '079000000001', '2026-01', 'verified', NULL, NULL, NULL, -1, NULL, 'x')",
        "INSERT INTO outbox (message_id, exchange, routing_key, body, created_at) VALUES (NULL, 'e', 'k', x'00', 'x')",
        "INSERT INTO task_log VALUES ('t1', '', 'ok', 'x')",
    ])
    func rawWritesViolatingInvariantsFail(_ sql: String) throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        _ = try db.upsertBeneficiaries([Fixtures.beneficiary(1)], at: Fixtures.now)
        #expect(throws: DatabaseError.self) { try db.pool.write { try $0.execute(sql: sql) } }
    }

    @Test func errorMessagesCarryNoPersonalData() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        var row = Fixtures.beneficiary(1, name: "Trần Thị Bích")
        row.sex = "?"
        row.phone = "0912345678"
        do {
            _ = try db.upsertBeneficiaries([row], at: Fixtures.now)
            Issue.record("the CHECK on sex should have failed")
        } catch {
            let text = String(describing: error) + String(reflecting: error)
            #expect(text.contains("CHECK"))
            for secret in [row.nationalID, row.fullName, "0912345678"] {
                #expect(!text.contains(secret))
            }
        }
    }
}
