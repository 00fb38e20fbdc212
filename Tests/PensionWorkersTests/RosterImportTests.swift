import AMQP
import Foundation
import GRDB
import PensionDomain
import PensionStore
import Testing
@testable import PensionWorkers

@Suite struct RosterImportTests {
    static let roster = #"""
    national_id,full_name,date_of_birth,sex,province_code,commune_code,phone,payment_method,bank_bin,bank_account,legacy_bhxh_code
    079140000001,Nguyễn Văn Hùng,1940-05-17,M,79,26734,0903123456,cash,,,
    079140000002,Trần Thị Thủy,05/1950,nữ,74,25747,,bank,970436,0011000123456,7912345678
    123456789,Lê Hữu Phúc,1945,M,79,,,cash,,,
    079140000004,"Phạm Thị ""Hòa""",31/02/1950,F,79,,,cash,,,
    079140000005,Đặng Văn Lộc,1948,M,99,,,cash,,,
    079140000006,"=cmd|' /C calc'!A0",1951,M,79,,,cash,,,
    079140000007,Hồ Thị Lan,1952,F,01,00004,,cash,,,

    """#

    @Test func badRowsGoToTheRejectsFileWithLineNumbersAndGoodRowsStillGo() async throws {
        let fixture = try await WorkerFixture("import")
        let input = fixture.directory.appendingPathComponent("roster.csv")
        try Self.roster.write(to: input, atomically: true, encoding: .utf8)
        let rejectsPath = fixture.directory.appendingPathComponent("roster.rejects.csv").path
        let connection = try await fixture.connect("import")
        try await connection.enablePublisherConfirms()
        let importer = RosterImporter(store: fixture.store, publisher: connection, topology: fixture.topology, period: fixture.period, batchSize: 3)

        let first = try await importer.run(path: input.path, rejectsPath: rejectsPath)
        #expect(first.rows == 7)
        #expect(first.inserted == 4)
        #expect(first.published == 4)
        #expect(first.rejected == 3)
        #expect(first.rejectsPath == rejectsPath)
        let rejects = try String(contentsOfFile: rejectsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(rejects[0].hasPrefix("line,field,reason,national_id,full_name"))
        #expect(rejects[1].hasPrefix("4,national_id,old 9-digit CMND"))
        #expect(rejects[2].hasPrefix("5,date_of_birth,"))
        #expect(rejects[3].hasPrefix("6,province_code,"))
        #expect(rejects.count == 4)
        let attributes = try FileManager.default.attributesOfItem(atPath: rejectsPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // The legacy province code 74 (Bình Dương) is paid by the current 79.
        let mapped = try fixture.store.beneficiary(nationalID: "079140000002")
        #expect(mapped?.provinceCode == "79")
        #expect(mapped?.dateOfBirth == "1950-05")
        #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 4)

        // Same roster, same period, once verified: no new work.
        let tasks = try await fixture.drain(fixture.topology.workQueue(.verify))
        let worker = fixture.makeWorker()
        try await fixture.publishRaw(tasks.map { AMQPOutgoingMessage(exchange: fixture.topology.tasksExchange, routingKey: $0.routingKey, body: $0.body, properties: $0.properties) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(try await eventually { try fixture.store.verificationCount() == 4 })
            worker.stop()
            try await group.waitForAll()
        }
        let second = try await importer.run(path: input.path, rejectsPath: rejectsPath)
        #expect(second.published == 0)
        #expect(second.alreadyDone == 4)
        #expect(second.unchanged == 4)
        await connection.close()
        await fixture.cleanUp()
    }

    @Test func aRosterWithoutPaymentColumnsKeepsWhatIsOnRecordAndDuplicatesAcrossBatchesAreRejected() async throws {
        let fixture = try await WorkerFixture("partial")
        let connection = try await fixture.connect("import")
        try await connection.enablePublisherConfirms()
        let importer = RosterImporter(store: fixture.store, publisher: connection, topology: fixture.topology, period: fixture.period, batchSize: 2)
        let full = fixture.directory.appendingPathComponent("full.csv")
        try Self.roster.write(to: full, atomically: true, encoding: .utf8)
        _ = try await importer.run(path: full.path, rejectsPath: fixture.directory.appendingPathComponent("r1.csv").path)
        #expect(try fixture.store.beneficiary(nationalID: "079140000002")?.paymentMethod == .bank)

        let partial = fixture.directory.appendingPathComponent("partial.csv")
        try """
        full_name,national_id,date_of_birth,province_code
        Trần Thị Thủy,079140000002,05/1950,79
        Hồ Thị Lan,079140000007,1952,01
        Trần Thị Thủy,079140000002,05/1950,79

        """.write(to: partial, atomically: true, encoding: .utf8)
        let rejectsPath = fixture.directory.appendingPathComponent("r2.csv").path
        let summary = try await importer.run(path: partial.path, rejectsPath: rejectsPath)
        #expect(summary.rejected == 1)
        #expect(try String(contentsOfFile: rejectsPath, encoding: .utf8).contains("\n4,national_id,this national_id appears on an earlier line"))
        let kept = try fixture.store.beneficiary(nationalID: "079140000002")
        #expect(kept?.paymentMethod == .bank)
        #expect(kept?.bankAccount == "0011000123456")
        #expect(kept?.communeCode == "25747")
        #expect(kept?.sex == "F")
        await connection.close()
        await fixture.cleanUp()
    }

    @Test func invalidUTF8StopsTheImportWithItsLineNumber() async throws {
        let fixture = try await WorkerFixture("utf8")
        let input = fixture.directory.appendingPathComponent("roster.csv")
        var bytes = Array("national_id,full_name,date_of_birth,province_code\n079140000001,Nguyễn Văn Hùng,1940,79\n".utf8)
        bytes += [0x30, 0x37, 0x39, 0x2C, 0xC3, 0x28, 0x0A]   // line 3: invalid UTF-8
        try Data(bytes).write(to: input)
        let connection = try await fixture.connect("import")
        try await connection.enablePublisherConfirms()
        let rejectsPath = fixture.directory.appendingPathComponent("rejects.csv").path
        let summary = try await RosterImporter(store: fixture.store, publisher: connection, topology: fixture.topology, period: fixture.period)
            .run(path: input.path, rejectsPath: rejectsPath)
        #expect(summary.published == 1)
        #expect(summary.stoppedEarly?.contains("line 3") == true)
        #expect(try String(contentsOfFile: rejectsPath, encoding: .utf8).contains("\n3,,"))
        await connection.close()
        await fixture.cleanUp()
    }

    @Test func theMonthlyReviewPublishesEachLivingBeneficiaryOncePerPeriod() async throws {
        let fixture = try await WorkerFixture("review")
        _ = try await fixture.seed(120)
        let connection = try await fixture.connect("review")
        try await connection.enablePublisherConfirms()
        let review = MonthlyReview(store: fixture.store, publisher: connection, topology: fixture.topology, period: fixture.period, pageSize: 50)
        let first = try await review.run()
        #expect(first.scanned == 120 && first.published == 120)
        // As `worker verify` records them, but with no folder running: the review must fold first.
        let worker = fixture.makeWorker(folding: .deferred)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(try await eventually { try fixture.store.verificationCount() == 120 })
            worker.stop()
            try await group.waitForAll()
        }
        // The tasks carried each person's identity as on record: the seeded kinds come out as outcomes.
        let outcomes = try await fixture.store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) FROM verifications GROUP BY outcome").map { ($0[0] as String, $0[1] as Int) })
        }
        #expect(outcomes == ["verified": 30, "mismatch": 30, "deceased": 30, "not_found": 30])
        #expect(try await fixture.store.unfoldedOutcomeCount() == 120)
        // Deceased people are no longer reviewed; the rest are already done for the period.
        let second = try await review.run()
        #expect(second.scanned == 90)
        #expect(second.published == 0 && second.alreadyDone == 90)
        #expect(try await fixture.store.unfoldedOutcomeCount() == 0)
        let next = try await MonthlyReview(store: fixture.store, publisher: connection, topology: fixture.topology, period: fixture.period.next).run()
        #expect(next.published == 90)
        await connection.close()
        await fixture.cleanUp()
    }
}
