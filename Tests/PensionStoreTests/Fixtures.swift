import PensionDomain
import Foundation
import PensionStore

/// Small builders so each test states only what matters to it.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z

    /// A node database in `dir` with beneficiaries 1 to 5 on record (cash-paid, active).
    static func databaseWithFive(in dir: TemporaryDirectory, file: String = "node.sqlite") throws -> PensionDatabase {
        let db = try PensionDatabase(path: dir.path(file))
        _ = try db.upsertBeneficiaries((1...5).map { beneficiary($0) }, at: now)
        return db
    }

    /// A valid 12-digit ID number derived from `n`.
    static func nationalID(_ n: Int) -> String {
        "079" + String(format: "%09d", n)
    }

    static func beneficiary(
        _ n: Int,
        province: String = "79",
        payment: PaymentMethod = .cash,
        name: String = "Nguyễn Văn An"
    ) -> BeneficiaryUpsert {
        BeneficiaryUpsert(
            nationalID: nationalID(n), fullName: name, dateOfBirth: "1950-03", sex: "M",
            provinceCode: province, communeCode: "26734", phone: nil, paymentMethod: payment,
            bankBIN: payment == .bank ? "970436" : nil, bankAccount: payment == .bank ? "0071000123456" : nil,
            legacyBHXHCode: "7901234567")
    }

    static func outcome(
        _ task: String, _ n: Int, _ outcome: String, period: String = "2026-01",
        fields: [String] = [], followUps: [OutboxMessage] = []
    ) -> VerificationOutcomeRecord {
        VerificationOutcomeRecord(
            taskID: task, nationalID: nationalID(n), period: period, outcome: outcome,
            mismatchFields: fields, attempt: 1, worker: "test", followUps: followUps)
    }

    static func message(_ id: String, routingKey: String = "outreach.79") -> OutboxMessage {
        OutboxMessage(
            messageID: id, exchange: "pensionpay.tasks", routingKey: routingKey,
            body: Array("{\"task_id\":\"\(id)\"}".utf8), headers: ["x-attempt": "1"])
    }
}
