import AMQP
import Foundation
import GRDB
import Logging
import PensionDomain
import PensionIntegrations
import PensionStore
import Testing
@testable import PensionWorkers

/// The verify worker against the registry simulator over a real socket, with faults switched on.
@Suite struct HTTPRegistryWorkerTests {
    @Test func noTaskLostNoneRecordedTwiceEveryTransientFailureRetried() async throws {
        let fixture = try await WorkerFixture("http", retryDelays: [.milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(2)])
        let tasks = try await fixture.seed(2000)
        // Random faults at modest rates, plus a scripted burst so every kind certainly happens.
        let faults = RegistryFaults(addedLatency: .milliseconds(2), errorRate: 0.1, timeoutRate: 0.01, timeoutHold: .seconds(3), throttleRate: 0.05, retryAfterSeconds: 0)
        let simulator = RegistrySimulator(database: fixture.registryDatabase, options: RegistrySimulatorOptions(apiKey: "s3cret", faults: faults), logger: fixture.logger)
        try await simulator.withRunningServer { port in
            let client = try HTTPPopulationRegistry(options: HTTPRegistryOptions(
                baseURL: "http://127.0.0.1:\(port)", apiKey: "s3cret", requestTimeout: .milliseconds(500),
                retry: RegistryRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
                circuitBreaker: .init(failureThreshold: 8, coolDown: .milliseconds(500))), logger: fixture.logger)
            simulator.enqueueFaults([.error, .error, .throttle(retryAfterSeconds: 0), .timeout])
            try await fixture.publish(tasks)
            let status = WorkerStatus()
            let worker = fixture.makeWorker(registry: client, status: status)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await worker.run() }
                #expect(try await eventually(timeout: .seconds(180)) { try fixture.store.verificationCount() == 2000 })
                worker.stop()
                try await group.waitForAll()
            }
            try await client.shutdown()
            let stats = simulator.stats
            #expect(stats.errors >= 2 && stats.throttled >= 1 && stats.timedOut >= 1, "faults must actually have happened: \(stats)")
            #expect(status.retried > 0, "some lookups must have gone down the retry ladder")
            #expect(status.parked == 0)
        }
        let distinct = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT task_id) FROM verifications") }
        #expect(distinct == 2000)
        let counts = try await fixture.store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) FROM verifications GROUP BY outcome").map { ($0[0] as String, $0[1] as Int) })
        }
        #expect(counts == ["verified": 500, "mismatch": 500, "deceased": 500, "not_found": 500])
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0)
        await fixture.cleanUp()
    }
}
