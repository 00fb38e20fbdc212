import AMQP
import Foundation
import GRDB
import PensionStore
import Testing
@testable import PensionWorkers

@Suite struct DeadLettersTests {
    @Test func listIsNonDestructiveReplayReprocessesAndAuditsPurgeEmpties() async throws {
        let fixture = try await WorkerFixture("deadletters", retryDelays: [.milliseconds(50)])
        let tasks = try await fixture.seed(3, kinds: [.match])
        try await fixture.publish(tasks)
        // A registry that is down for good parks all three after the ladder.
        let down = fixture.makeWorker(registry: FlakyRegistry(EmbeddedRegistry(database: fixture.registryDatabase), failures: .max))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await down.run() }
            #expect(try await eventually { try await fixture.messageCount(fixture.topology.deadQueue) == 3 })
            down.stop()
            try await group.waitForAll()
        }

        let connection = try await fixture.connect("operator")
        try await connection.enablePublisherConfirms()
        let deadLetters = DeadLetters(connection: connection, topology: fixture.topology)
        let listed = try await deadLetters.list()
        #expect(listed.count == 3)
        #expect(listed.allSatisfy { $0.0.kind == "verify" && $0.0.reason.contains("gave up after 2 attempts") && $0.0.attempts == 2 })
        #expect(try await deadLetters.list().count == 3, "listing must not consume")
        #expect(try await deadLetters.list(DeadLetterFilter(kind: "register")).isEmpty)

        let target = try #require(listed.first?.0.messageID)
        #expect(try await deadLetters.replay(DeadLetterFilter(messageID: target), actor: "tester", store: fixture.store) == 1)
        // The skipped two go back with a nack, which has no reply: under load the count on another
        // connection can be read before the broker has requeued them.
        #expect(try await eventually(timeout: .seconds(10)) { try await fixture.messageCount(fixture.topology.deadQueue) == 2 })
        let healthy = fixture.makeWorker()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await healthy.run() }
            #expect(try await eventually { try fixture.store.verificationCount() == 1 })
            healthy.stop()
            try await group.waitForAll()
        }
        let audit = try await fixture.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT after, reason, task_id FROM audit WHERE field = 'dead_letter'").map { [$0[0] as String, $0[1] as String, $0[2] as String] }
        }
        #expect(audit == ["replayed", "replayed by tester", target])
        let recorded = try await fixture.store.pool.read { db in try String.fetchOne(db, sql: "SELECT task_id FROM verifications") }
        #expect(recorded == target)

        #expect(try await deadLetters.purge() == 2)
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0)
        await connection.close()
        await fixture.cleanUp()
    }
}

@Suite struct OutboxRelayTests {
    @Test func anUnroutableFollowUpIsParkedAndDoesNotBlockTheRowsBehindIt() async throws {
        let fixture = try await WorkerFixture("relay")
        let good = OutboxMessage(messageID: "good-1", exchange: fixture.topology.tasksExchange, routingKey: "outreach.79", body: Array("{}".utf8), headers: [:])
        let bad = OutboxMessage(messageID: "bad-1", exchange: fixture.topology.tasksExchange, routingKey: "nowhere.00", body: Array("{}".utf8), headers: [:])
        let good2 = OutboxMessage(messageID: "good-2", exchange: fixture.topology.tasksExchange, routingKey: "outreach.01", body: Array("{}".utf8), headers: [:])
        try fixture.store.enqueueOutbox([good, bad, good2], at: Date())
        let relay = OutboxRelay(url: fixture.url, store: fixture.store, name: "relay-test", topology: fixture.topology, logger: fixture.logger)
        let connection = try await fixture.connect("relay")
        try await connection.enablePublisherConfirms()
        #expect(try await relay.relayPending(on: connection) == 3)
        #expect(try fixture.store.pendingOutboxCount() == 0)
        await connection.close()
        let delivered = try await fixture.drain(fixture.topology.workQueue(.outreach))
        #expect(Set(delivered.compactMap(\.properties.messageID)) == ["good-1", "good-2"])
        let parked = try await fixture.drain(fixture.topology.deadQueue)
        #expect(parked.map(\.properties.messageID) == ["bad-1"])
        #expect(parked.first?.properties.headers[TaskHeaders.reason]?.stringValue?.contains("unroutable") == true)
        await fixture.cleanUp()
    }

    /// A quorum queue nacks publishes while it has no leader (a node crash); a queue full under
    /// `reject-publish` nacks the same way, so a bound `x-max-length: 0` queue stands in for it.
    /// The nacked follow-up is not parked: it stays in the outbox until the broker takes it.
    @Test func aNackedFollowUpStaysInTheOutboxAndGoesOutOnceTheBrokerTakesIt() async throws {
        try await WorkerFixture.with("relay-nack") { fixture in
            let blocker = "\(fixture.topology.namespace).blocker"
            let setup = try await fixture.connect("setup-blocker")
            _ = try await setup.declareQueue(blocker, options: AMQPQueueOptions(durable: false, arguments: [
                "x-max-length": .int(0), "x-overflow": .string("reject-publish"),
            ]))
            try await setup.bindQueue(blocker, exchange: fixture.topology.tasksExchange, routingKey: "outreach.79")
            let first = OutboxMessage(messageID: "first", exchange: fixture.topology.tasksExchange, routingKey: "outreach.01", body: Array("{}".utf8), headers: [:])
            let held = OutboxMessage(messageID: "held", exchange: fixture.topology.tasksExchange, routingKey: "outreach.79", body: Array("{}".utf8), headers: [:])
            let last = OutboxMessage(messageID: "last", exchange: fixture.topology.tasksExchange, routingKey: "outreach.01", body: Array("{}".utf8), headers: [:])
            try fixture.store.enqueueOutbox([first, held, last], at: Date())
            let relay = OutboxRelay(url: fixture.url, store: fixture.store, name: "relay-test", topology: fixture.topology,
                                    idleDelay: .milliseconds(50), logger: fixture.logger)

            // One round on one connection: the rows before the nack are published, the rest wait.
            let connection = try await fixture.connect("relay")
            try await connection.enablePublisherConfirms()
            await #expect(throws: AMQPError.self) { try await relay.relayPending(on: connection) }
            await connection.close()
            #expect(try fixture.store.pendingOutboxCount() == 2)
            #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0, "a nacked follow-up is not parked")

            // The running relay keeps trying (its lease was given back, so at once) and gets them
            // out once the broker takes them.
            let running = Task { try await relay.run() }
            try await Task.sleep(for: .milliseconds(700))
            #expect(try fixture.store.pendingOutboxCount() == 2, "still refused: still pending")
            #expect(try await setup.deleteQueue(blocker) == 0)
            await setup.close()
            #expect(try await eventually(timeout: .seconds(20)) { try fixture.store.pendingOutboxCount() == 0 }, "published once the broker takes it")
            running.cancel()
            _ = await running.result

            let delivered = try await fixture.drain(fixture.topology.workQueue(.outreach)).compactMap(\.properties.messageID)
            #expect(Set(delivered) == ["first", "held", "last"], "every follow-up delivered: \(delivered)")
            #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0, "nothing parked")
        }
    }
}
