import AMQP
import Foundation
import PensionStore
import Testing
@testable import PensionWorkers

@Suite struct TopologyDeclareTests {
    @Test func declaringTwiceIsIdempotentAndAConflictingQueueIsNamedWithTheDifference() async throws {
        let fixture = try await WorkerFixture("topology")   // declares once
        let connection = try await fixture.connect("declare")
        try await fixture.topology.declare(on: connection)  // and again: nothing changes
        #expect(try await connection.inspectQueue(fixture.topology.workQueue(.verify)).messageCount == 0)

        // Someone created the register queue by hand as a classic queue.
        try await connection.deleteQueue(fixture.topology.workQueue(.register))
        try await connection.declareQueue(fixture.topology.workQueue(.register), options: AMQPQueueOptions())
        do {
            try await fixture.topology.declare(on: connection)
            Issue.record("expected a topology error")
        } catch let error as TopologyError {
            #expect(error.queue == fixture.topology.workQueue(.register))
            #expect(error.message.contains(fixture.topology.workQueue(.register)))
            #expect(error.message.contains("x-queue-type"))
            #expect(error.message.contains("rabbitmqctl delete_queue"))
        }
        await connection.close()
        await fixture.cleanUp()
    }
}

@Suite struct TopologyVerifyTests {
    /// A worker started with another retry ladder than the declared one used to consume, fail every
    /// retry publish with 404 and hand its batches back until the delivery limit parked healthy tasks.
    @Test func aWorkerWhoseRetryLadderIsNotDeclaredWaitsNotReadyAndConsumesOnceItIs() async throws {
        let fixture = try await WorkerFixture("ladder")
        try await fixture.publish(try await fixture.seed(40))
        var topology = fixture.topology
        topology.retryDelays = [.seconds(1), .seconds(7)]
        let status = WorkerStatus()
        let handler = VerifyHandler(store: fixture.store, registry: EmbeddedRegistry(database: fixture.registryDatabase), topology: topology,
                                    workerName: "ladder", logger: fixture.logger)
        var options = WorkerOptions(name: "\(topology.namespace) ladder", prefetch: 200, maxBatch: 100, topology: topology)
        options.reconnect = AMQPReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200))
        let worker = TaskWorker(url: fixture.url, handler: handler, options: options, status: status, logger: fixture.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(await eventually(timeout: .seconds(20)) { status.topologyProblem != nil })
            let problem = try #require(status.topologyProblem)
            #expect(problem.contains(topology.retryExchange(rung: 0)))
            #expect(problem.contains("--retry-delays 1s,7s"))
            #expect(!status.isReady)
            // Nothing was taken: every task is still ready, none was delivered.
            #expect(try await fixture.messageCount(topology.workQueue(.verify)) == 40)
            #expect(try fixture.store.verificationCount() == 0)

            let connection = try await fixture.connect("declare ladder")
            try await topology.declare(on: connection)
            await connection.close()
            #expect(try await eventually(timeout: .seconds(30)) { try fixture.store.verificationCount() == 40 })
            #expect(status.topologyProblem == nil)
            worker.stop()
            try await group.waitForAll()
        }
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0)
        let connection = try await fixture.connect("cleanup ladder")
        try? await topology.delete(on: connection)
        await connection.close()
        await fixture.cleanUp()
    }
}
