import AMQP
import Foundation
import PensionIntegrations
import Testing
@testable import PensionWorkers

/// `status --management-url`: unacked deliveries, which AMQP cannot report, from the management API
/// (scripts/broker enables the plugin).
@Suite struct ManagementStatusTests {
    @Test func unackedDeliveriesAreCountedByTheManagementAPI() async throws {
        let fixture = try await WorkerFixture("management")
        let tasks = try await fixture.seed(40)
        try await fixture.publish(tasks)
        let consumer = try await fixture.connect("holder")
        let holder = try await consumer.consumer(queue: fixture.topology.workQueue(.verify), prefetch: 25)
        var held = 0
        while held < 25 { held += try await holder.next(max: 100).count }
        let management = BrokerManagementClient(baseURL: "http://127.0.0.1:15672", user: fixture.url.primary.user, password: fixture.url.primary.password)
        // The plugin refreshes its statistics every few seconds.
        #expect(try await eventually(timeout: .seconds(30)) {
            let stats = try await management.queue(fixture.topology.workQueue(.verify), vhost: fixture.url.primary.vhost)
            return stats?.messagesUnacknowledged == 25 && stats?.messagesReady == 15
        })
        #expect(try await management.queue("no-such-queue-\(UUID().uuidString)", vhost: fixture.url.primary.vhost) == nil)
        await consumer.close()
        await fixture.cleanUp()
    }
}
