import AMQP
import Foundation
import PensionDomain
import PensionStore
import Testing
@testable import PensionWorkers

/// `registrations import`: validation with line numbers, routing by province, no duplicate work.
@Suite struct RegistrationImportTests {
    static let requests = #"""
    national_id,bank_bin,bank_account,holder_name,authorised_holder_id,authorisation_expires,channel,requested_at
    079200000001,970436,0071 0000 00001,Nguyễn Văn Hùng,,,payment_point,2026-11-09 09:00
    079200000001,970436,0071000000001,Nguyễn Văn Hùng,,,bank,2026-11-09 09:00
    12345,970436,0071000000001,Nguyễn Văn Hùng,,,bank,2026-11-09 09:00
    079200000002,97043,0071000000002,Trần Thị Thủy,,,bank,2026-11-09 09:00
    079200000002,970436,0071000000002,Trần Thị Thủy,079200000090,,bank,2026-11-09 09:00
    079200000002,970436,0071000000002,Trần Thị Thủy,,,fax,2026-11-09 09:00
    079200000002,970436,0071000000002,Trần Thị Thủy,,,vssid,yesterday
    079200000099,970436,0071000000099,Lê Văn Nam,,,web,2026-11-09T09:00:00+07:00
    079200000002,970436,9704361234567895,Trần Thị Thủy,,,vssid,2026-11-09 10:00

    """#

    @Test func badRowsAreRejectedWithLineNumbersAndGoodRowsArePublishedByProvince() async throws {
        let base = try await WorkerFixture("reg-import")
        let f = RegisterFixture(base: base)
        try await f.person(1)
        try await f.person(2, name: "Trần Thị Thủy")
        _ = try await base.store.upsertBeneficiaries([BeneficiaryUpsert(
            nationalID: RegisterFixture.id(2).digits, fullName: "Trần Thị Thủy", dateOfBirth: "1950", sex: "F", provinceCode: "01",
            paymentMethod: .cash)], at: Date())
        let input = base.directory.appendingPathComponent("requests.csv")
        try Self.requests.write(to: input, atomically: true, encoding: .utf8)
        let rejectsPath = base.directory.appendingPathComponent("requests.rejects.csv").path
        let connection = try await base.connect("reg-import")
        try await connection.enablePublisherConfirms()
        let importer = RegistrationImporter(store: base.store, publisher: connection, topology: base.topology, batchSize: 4)

        let first = try await importer.run(path: input.path, rejectsPath: rejectsPath)
        #expect(first.rows == 9)
        #expect(first.published == 2)   // line 2 and the card number on line 10 (the worker rejects it, with its reason)
        #expect(first.rejected == 7)
        let rejects = try String(contentsOfFile: rejectsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(rejects.count == 8)
        #expect(rejects[0].hasPrefix("line,field,reason,national_id,bank_bin"))
        #expect(rejects[1].hasPrefix("3,row,the same request appears on an earlier line"))
        #expect(rejects[2].hasPrefix("4,national_id,"))
        #expect(rejects[3].hasPrefix("5,bank_bin,"))
        #expect(rejects[4].hasPrefix("6,authorisation_expires,"))
        #expect(rejects[5].hasPrefix("7,channel,"))
        #expect(rejects[6].hasPrefix("8,requested_at,"))
        #expect(rejects[7].hasPrefix("9,national_id,no beneficiary with this ID is on record"))

        let published = try await base.drain(base.topology.workQueue(.register))
        #expect(Set(published.map(\.routingKey)) == ["register.79", "register.01"])
        let decoded = try published.map { try TaskDecoder.decodeRegister($0.body).get() }
        #expect(decoded.map(\.taskID) == published.map { $0.properties.messageID })
        #expect(decoded.first { $0.request.nationalID == RegisterFixture.id(1) }?.request.bankAccount == "0071000000001")

        // Decide them, then import again: nothing new is published.
        try await base.publishRaw(published.map { AMQPOutgoingMessage(exchange: base.topology.tasksExchange, routingKey: $0.routingKey, body: $0.body, properties: $0.properties) })
        #expect(try await f.run(f.makeWorker(bank: RegisterWorkerTests.bank())) { try f.registrationCount() == 2 })
        #expect(try base.store.registrationDecisionCounts() == ["registered": 1, "rejected:card_number": 1])
        let second = try await importer.run(path: input.path, rejectsPath: rejectsPath)
        #expect(second.published == 0 && second.alreadyDone == 2)
        await connection.close()
        await base.cleanUp()
    }
}
