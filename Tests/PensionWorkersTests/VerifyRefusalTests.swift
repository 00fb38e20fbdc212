import AMQP
import Foundation
import GRDB
import PensionDomain
import PensionStore
import Testing
@testable import PensionWorkers

/// An outcome SQLite refuses (a constraint: no retry cures it) is parked with the reason, and the
/// rest of its batch is still recorded: the batch neither loops in the store-retry path nor is lost.
@Suite struct VerifyRefusalTests {
    @Test func anOutcomeTheStoreRefusesIsParkedAndTheRestOfItsBatchIsRecorded() async throws {
        try await WorkerFixture.with("refusal") { fixture in
            let tasks = try await fixture.seed(300, kinds: [.match])
            let refused = tasks[137].beneficiary.nationalID
            // Stands in for any rule of the schema an outcome could break.
            try await fixture.store.pool.write { db in
                try db.execute(sql: """
                    CREATE TRIGGER refuse_one BEFORE INSERT ON verifications WHEN NEW.national_id = '\(refused)'
                    BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END
                    """)
            }
            try await fixture.publish(tasks)
            let worker = fixture.makeWorker()
            let running = Task { try await worker.run() }
            defer { worker.stop() }
            let settled = try await eventually(timeout: .seconds(30)) {
                let parked = try await fixture.messageCount(fixture.topology.deadQueue)
                return try fixture.store.verificationCount() == 299 && parked == 1
            }
            #expect(settled, "299 outcomes recorded and one task parked")
            worker.stop()
            try await running.value

            let parked = try await fixture.drain(fixture.topology.deadQueue)
            #expect(parked.count == 1)
            #expect(parked.first?.properties.messageID == tasks[137].taskID)
            let reason = parked.first?.properties.headers[TaskHeaders.reason]?.stringValue ?? ""
            #expect(reason.contains("the store refused the outcome") && reason.contains("refused by the test trigger"), "\(reason)")
            #expect(!reason.contains(refused), "the reason carries no ID number")
            #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0, "nothing loops back")
            for rung in fixture.topology.retryDelays.indices {
                #expect(try await fixture.messageCount(fixture.topology.retryExchange(rung: rung)) == 0, "a refusal is not retried")
            }
        }
    }
}
