import AMQP
import Foundation
import GRDB
import PensionStore
import Testing
@testable import PensionWorkers

/// The database refusing writes (issue 8): the worker acks nothing it could not record, reports
/// not-ready, and recovers by itself when writes work again.
@Suite struct StoreFaultTests {
    @Test func aFullDatabaseStopsAcksAndReadinessUntilSpaceReturns() async throws {
        let fixture = try await WorkerFixture("disk-full")
        let tasks = try await fixture.seed(3_000, kinds: [.match, .mismatch])
        // SQLITE_FULL is what a full disk gives SQLite; capping the writer connection's page count
        // produces the same error on every machine without filling a real disk.
        let pages = try await fixture.store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        try await fixture.store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)") }
        try await fixture.publish(tasks)
        let status = WorkerStatus()
        let worker = fixture.makeWorker(status: status)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(await eventually(timeout: .seconds(30)) { !status.isStoreHealthy })
            #expect(!status.isReady, "not ready while the database refuses writes")
            let recordedWhileFull = try fixture.store.verificationCount()
            #expect(recordedWhileFull < tasks.count)
            // Nothing unrecorded was acked: acks never outrun commits, and whatever is not recorded is
            // still in the queue (ready, or unacked within the worker's prefetch of 200).
            #expect(status.completed <= recordedWhileFull)
            let connection = try await fixture.connect("inspect")
            let ready = try await connection.inspectQueue(fixture.topology.workQueue(.verify)).messageCount
            await connection.close()
            #expect(ready + 200 >= tasks.count - recordedWhileFull)

            // Space returns.
            try await fixture.store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
            #expect(try await eventually(timeout: .seconds(60)) { try fixture.store.verificationCount() == tasks.count })
            #expect(await eventually(timeout: .seconds(10)) { status.isReady })
            worker.stop()
            try await group.waitForAll()
        }
        let duplicates = try await fixture.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) - COUNT(DISTINCT task_id) FROM verifications") ?? -1
        }
        #expect(duplicates == 0)
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0)
        #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0)
        await fixture.cleanUp()
    }
}

