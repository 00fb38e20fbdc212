import AMQP
import Foundation
import GRDB
import PensionDomain
import PensionStore
import Testing
@testable import PensionWorkers

/// The delivery discipline against the real broker and real SQLite files.
@Suite struct VerifyWorkerTests {
    @Test func verifiesHoldsAndFollowsUpEndToEnd() async throws {
        let fixture = try await WorkerFixture("e2e")
        let tasks = try await fixture.seed(2000)
        try await fixture.publish(tasks)
        let worker = fixture.makeWorker()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(try await eventually { try fixture.store.verificationCount() == 2000 })
            worker.stop()
            try await group.waitForAll()
        }
        let counts = try await fixture.store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) FROM verifications GROUP BY outcome").map { ($0[0] as String, $0[1] as Int) })
        }
        #expect(counts == ["verified": 500, "mismatch": 500, "deceased": 500, "not_found": 500])
        let statuses = try await fixture.store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM beneficiaries GROUP BY status").map { ($0[0] as String, $0[1] as Int) })
        }
        #expect(statuses == ["active": 500, "hold": 1000, "deceased": 500])
        let mismatch = try await fixture.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT DISTINCT mismatch_fields FROM verifications WHERE outcome = 'mismatch'")
        }
        #expect(mismatch == "date_of_birth")
        let audits = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") }
        #expect(audits == 1500)

        // Verified and paid in cash → one outreach follow-up each, through the outbox.
        let expectedFollowUps = (0..<2000).filter { $0 % 4 == 0 && $0 % 5 == 0 }.count
        let relay = OutboxRelay(url: fixture.url, store: fixture.store, name: "test relay", logger: fixture.logger)
        let connection = try await fixture.connect("relay")
        try await connection.enablePublisherConfirms()
        #expect(try await relay.relayPending(on: connection) == expectedFollowUps)
        #expect(try await relay.relayPending(on: connection) == 0)
        await connection.close()
        let outreach = try await fixture.drain(fixture.topology.workQueue(.outreach))
        #expect(outreach.count == expectedFollowUps)
        let first = try JSONDecoder.iso.decode(OutreachTask.self, from: Data(try #require(outreach.first).body))
        #expect(first.reason == "verified_cash_paid")
        #expect(outreach.first?.routingKey == "outreach.79")
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0)
        await fixture.cleanUp()
    }

    @Test func redeliveredAndRepublishedTasksChangeNothingTwice() async throws {
        let fixture = try await WorkerFixture("idempotent")
        let tasks = try await fixture.seed(300)
        try await fixture.publish(tasks + tasks)   // the same month published twice
        let status = WorkerStatus()
        let worker = fixture.makeWorker(status: status)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(await eventually { status.completed == 600 })
            let auditAfterFirst = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") }
            try await fixture.publish(tasks)       // and once more after everything was recorded
            #expect(await eventually { status.completed == 900 })
            let auditAfterSecond = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") }
            #expect(auditAfterFirst == auditAfterSecond)
            worker.stop()
            try await group.waitForAll()
        }
        #expect(try fixture.store.verificationCount() == 300)
        let outbox = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") }
        #expect(outbox == (0..<300).filter { $0 % 4 == 0 && $0 % 5 == 0 }.count)
        await fixture.cleanUp()
    }

    @Test func malformedMessagesAreParkedWithTheirReasonAndTheWorkerCarriesOn() async throws {
        let fixture = try await WorkerFixture("malformed")
        let good = try await fixture.seed(1)
        let key = "verify.79"
        func raw(_ body: [UInt8], id: String) -> AMQPOutgoingMessage {
            AMQPOutgoingMessage(exchange: fixture.topology.tasksExchange, routingKey: key, body: body,
                                properties: AMQPProperties(contentType: "application/json", messageID: id))
        }
        var badTask = good[0]
        badTask.beneficiary.nationalID = "123456789"   // an old CMND
        badTask.taskID = "bad-cmnd"
        let valid = String(decoding: good[0].encodedJSON(), as: UTF8.self)
        let bad: [(String, AMQPOutgoingMessage)] = [
            ("malformed_json", raw(Array("{not json".utf8), id: "m1")),
            ("invalid_utf8", raw([0x7B, 0xFF, 0xFE, 0x7D], id: "m2")),
            ("unknown_schema", raw(Array(valid.replacingOccurrences(of: "pensionpay.verify.v1", with: "pensionpay.verify.v9").utf8), id: "m3")),
            ("missing_field", raw(Array(#"{"schema":"pensionpay.verify.v1","task_id":"x","created_at":"2026-11-01T00:00:00Z","period":"2026-11"}"#.utf8), id: "m4")),
            ("too_large", raw(Array(repeating: 0x20, count: 70_000) + Array(valid.utf8), id: "m5")),
            ("invalid task", VerifyTask.message(badTask, topology: fixture.topology)),
        ]
        try await fixture.publishRaw(bad.map(\.1) + good.map { VerifyTask.message($0, topology: fixture.topology) })
        let status = WorkerStatus()
        let worker = fixture.makeWorker(status: status)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(try await eventually { try fixture.store.verificationCount() == 1 && status.parked == bad.count })
            #expect(status.isConsuming)
            worker.stop()
            try await group.waitForAll()
        }
        let parked = try await fixture.drain(fixture.topology.deadQueue)
        #expect(parked.count == bad.count)
        for (expected, message) in zip(bad, parked) {
            let reason = message.properties.headers[TaskHeaders.reason]?.stringValue ?? ""
            #expect(reason.contains(expected.0), "reason \(reason) should mention \(expected.0)")
            #expect(!reason.contains("123456789"), "the reason must not repeat the ID")
            #expect(message.properties.headers[TaskHeaders.worker]?.stringValue?.isEmpty == false)
            #expect(message.properties.headers[TaskHeaders.parkedAt] != nil)
            #expect(message.routingKey == key)
            #expect(message.body == expected.1.body)
        }
        await fixture.cleanUp()
    }

    @Test func aTransientRegistryFailureIsRetriedThenRecorded() async throws {
        let fixture = try await WorkerFixture("transient")
        let tasks = try await fixture.seed(50, kinds: [.match])
        let registry = FlakyRegistry(EmbeddedRegistry(database: fixture.registryDatabase), failures: 1)
        try await fixture.publish(tasks)
        let status = WorkerStatus()
        let worker = fixture.makeWorker(registry: registry, status: status)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(try await eventually { try fixture.store.verificationCount() == 50 })
            worker.stop()
            try await group.waitForAll()
        }
        #expect(status.retried > 0)
        #expect(status.parked == 0)
        let attempts = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT MAX(attempt) FROM verifications") }
        #expect(attempts == 2)
        let outcomes = try await fixture.store.pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT outcome FROM verifications") }
        #expect(outcomes == ["verified"])
        await fixture.cleanUp()
    }

    @Test func aRegistryThatStaysDownParksTheTaskAfterTheLadder() async throws {
        let fixture = try await WorkerFixture("down", retryDelays: [.milliseconds(100), .milliseconds(200)])
        let tasks = try await fixture.seed(3, kinds: [.match])
        let registry = FlakyRegistry(EmbeddedRegistry(database: fixture.registryDatabase), failures: .max)
        try await fixture.publish(tasks)
        let status = WorkerStatus()
        let worker = fixture.makeWorker(registry: registry, status: status)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(await eventually { status.parked == 3 })
            worker.stop()
            try await group.waitForAll()
        }
        #expect(try fixture.store.verificationCount() == 0)
        let parked = try await fixture.drain(fixture.topology.deadQueue)
        #expect(parked.count == 3)
        #expect(parked.allSatisfy { $0.properties.headers[TaskHeaders.reason]?.stringValue?.contains("gave up after 3 attempts") == true })
        #expect(parked.allSatisfy { $0.properties.headers[TaskHeaders.attempt] == .int(3) })
        await fixture.cleanUp()
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
