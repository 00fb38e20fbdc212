import AMQP
import Foundation
import Logging
import PensionStore
import PensionWorkers
import ServiceLifecycle
import Testing

/// SIGTERM while the broker is out of reach: a worker and its outbox relay wait between attempts
/// (up to 15 s by default) and must stop at once rather than when the wait is over. Until sitting
/// 14 they slept it out, so `systemctl stop` during an outage took up to that long per service. The
/// back-off here is 60–120 s, so sleeping it out fails the test instead of passing slowly.
@Suite struct ShutdownDuringOutageTests {
    /// Nothing listens on port 1: every attempt is refused at once.
    static func unreachable() throws -> AMQPEndpoints { AMQPEndpoints(try AMQPURL("amqp://guest:guest@127.0.0.1:1/")) }
    static let longBackOff = AMQPReconnectPolicy(initialDelay: .seconds(120), maximumDelay: .seconds(120))

    @Test func aWorkerWaitingToReconnectStopsAtOnce() async throws {
        let fixture = try await WorkerFixture("outage-stop")
        let handler = VerifyHandler(store: fixture.store, registry: EmbeddedRegistry(database: fixture.registryDatabase),
                                    topology: fixture.topology, workerName: "outage", logger: fixture.logger)
        var options = WorkerOptions(name: "\(fixture.topology.namespace) outage", topology: fixture.topology)
        options.reconnect = Self.longBackOff
        let status = WorkerStatus()
        let worker = TaskWorker(url: try Self.unreachable(), handler: handler, options: options, status: status, logger: fixture.logger)
        let stopped = try await stopTime(of: worker)
        #expect(stopped < .seconds(5), "the worker stopped \(stopped) after the shutdown began")
        #expect(!status.isConsuming)
        await fixture.cleanUp()
    }

    @Test func anOutboxRelayWaitingToReconnectStopsAtOnce() async throws {
        let fixture = try await WorkerFixture("outage-relay")
        let relay = OutboxRelay(url: try Self.unreachable(), store: fixture.store, name: "outage relay", topology: fixture.topology,
                                reconnect: Self.longBackOff, logger: fixture.logger)
        let stopped = try await stopTime(of: relay)
        #expect(stopped < .seconds(5), "the relay stopped \(stopped) after the shutdown began")
        await fixture.cleanUp()
    }

    /// Runs `service` alone in a ServiceGroup, lets its first attempt fail (it is then in its
    /// back-off), begins a graceful shutdown and returns how long the service took to end.
    private func stopTime(of service: some Service) async throws -> Duration {
        let group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "test")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(500))
            let started = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return ContinuousClock.now - started
        }
    }
}
