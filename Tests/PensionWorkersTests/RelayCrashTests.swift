import AMQP
import Foundation
import PensionDomain
import PensionStore
import Testing
@testable import PensionWorkers

/// The outbox relay dying between the broker's confirm and marking the rows published (issue 8):
/// the next relay publishes them again, and the duplicates change nothing downstream.
@Suite struct RelayCrashTests {
    @Test func aRelayKilledAfterPublishingRepublishesAndNoOneGetsTwoNotices() async throws {
        let fixture = try await OutreachFixture("relay-crash")
        let tasks = try await fixture.seed(50)
        // Follow-ups committed by a worker: outbox rows, as the verify handler writes them.
        _ = try fixture.store.enqueueOutbox(tasks.map { task in
            OutboxMessage(messageID: task.taskID, exchange: fixture.base.topology.tasksExchange, routingKey: "outreach.79",
                          body: task.encodedJSON(), headers: [:])
        }, at: Date())

        // The first relay publishes with confirms, then dies before marking anything.
        let connection = try await fixture.base.connect("dying relay")
        try await connection.enablePublisherConfirms()
        let pending = try await fixture.store.pendingOutbox(limit: 1_000)
        try await connection.publish(pending.map { row in
            AMQPOutgoingMessage(exchange: row.exchange, routingKey: row.routingKey, body: row.body,
                                properties: AMQPProperties(contentType: "application/json", messageID: row.messageID))
        })
        await connection.close()
        #expect(try fixture.store.pendingOutboxCount() == 50)

        // The restarted relay publishes the same rows again and marks them.
        let relay = OutboxRelay(url: fixture.base.url, store: fixture.store, name: "restarted relay", topology: fixture.base.topology,
                                logger: fixture.base.logger)
        let again = try await fixture.base.connect("restarted relay")
        try await again.enablePublisherConfirms()
        #expect(try await relay.relayPending(on: again) == 50)
        #expect(try await relay.relayPending(on: again) == 0)
        await again.close()
        #expect(try fixture.store.pendingOutboxCount() == 0)
        #expect(try await fixture.base.messageCount(fixture.base.topology.workQueue(.outreach)) == 100)

        // Every task arrives twice; each person gets exactly one message.
        let status = WorkerStatus()
        #expect(try await fixture.run([fixture.makeWorker(try fixture.makeHandler(), status: status)]) { status.completed == 100 })
        let sent = fixture.simulator.sent
        #expect(sent.count == 50)
        #expect(Set(sent.map(\.message.recipient)).count == 50)
        #expect(try fixture.count(.sent) == 50)
        await fixture.cleanUp()
    }
}
