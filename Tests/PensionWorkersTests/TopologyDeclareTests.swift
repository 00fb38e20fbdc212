import AMQP
import Foundation
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
