import AMQP
import Foundation
import GRDB
import PensionDomain
import PensionStore
import Synchronization
import Testing
@testable import PensionWorkers

/// `import` keeps going when the broker closes its connection mid-run: the unconfirmed batches
/// go out again on a new connection, and the workers still record each task once.
@Suite struct ProducerReconnectTests {
    @Test func anImportWhoseConnectionIsClosedTwiceStillPublishesEveryTaskAndEachIsDoneOnce() async throws {
        let count = 6000
        let fixture = try await WorkerFixture("producer-reconnect")
        let tasks = try await fixture.seed(count)
        let roster = try fixture.writeRoster(of: tasks)

        let name = "\(fixture.topology.namespace) importer"
        let publisher = try await ReconnectingPublisher.connect(fixture.url, name: name, logger: fixture.logger,
                                                                policy: AMQPReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(500)))
        // The broker closes the importer's connection as the 4th and the 12th of 30 batches go out.
        let dropping = ConnectionDroppingPublisher(inner: publisher, marker: name, dropBefore: [4, 12])
        let summary = try await RosterImporter(store: fixture.store, publisher: dropping, topology: fixture.topology, period: fixture.period, batchSize: 200)
            .run(path: roster.path, rejectsPath: fixture.directory.appendingPathComponent("rejects.csv").path)
        let stats = await publisher.statistics
        await publisher.close()

        #expect(dropping.closed.load(ordering: .relaxed) == 2, "the broker closed the connection twice")
        #expect(summary.rows == count && summary.rejected == 0)
        #expect(summary.published == count, "every task confirmed once in the summary")
        #expect(stats.reconnects == 2)
        #expect(stats.republished >= 400, "at least the two batches that met a closed connection: \(stats)")
        let queue = fixture.topology.workQueue(.verify)
        let queued = try await fixture.messageCount(queue)
        #expect(queued >= count, "nothing lost: \(queued) queued")

        let worker = fixture.makeWorker()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(try await eventually { try await fixture.messageCount(queue) == 0 }, "the queue drains")
            worker.stop()
            try await group.waitForAll()
        }
        #expect(try fixture.store.verificationCount() == count, "one outcome per task, though \(queued - count) were published twice")
        let distinct = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT task_id) FROM verifications") }
        #expect(distinct == count)
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0, "nothing parked")
        await fixture.cleanUp()
    }
}

/// Passes batches to a publisher, and before the given batches (1-based) has the broker close
/// that publisher's connection (`rabbitmqctl close_connection`). That batch and every later one
/// wait until the close is done, so they meet the dead connection; batches already out may be
/// confirmed or lost with it.
final class ConnectionDroppingPublisher: AMQPPublishing {
    let inner: any AMQPPublishing
    let marker: String
    let dropBefore: Set<Int>
    let closed = Atomic<Int>(0)
    private let state = Mutex<(batches: Int, dropping: Task<Void, any Error>?)>((0, nil))

    init(inner: any AMQPPublishing, marker: String, dropBefore: Set<Int>) {
        self.inner = inner
        self.marker = marker
        self.dropBefore = dropBefore
    }

    func publish(_ messages: [AMQPOutgoingMessage]) async throws {
        let drop = state.withLock { state in
            state.batches += 1
            if dropBefore.contains(state.batches) {
                state.dropping = Task { [self] in
                    self.closed.add(try await closeBrokerConnections(matching: self.marker), ordering: .relaxed)
                }
            }
            return state.dropping
        }
        try await drop?.value
        try await inner.publish(messages)
    }
}
