@testable import AMQP
import GRDB
import Logging
import PensionDomain
import PensionStore
import Synchronization
import Testing
@testable import PensionWorkers

/// The verify handler looks up outcomes already recorded only for redeliveries and retries; a first
/// delivery goes straight to the work, and a copy of a recorded task is still refused at the insert.
@Suite struct VerifyDoneCheckTests {
    /// Remembers every ID number it was asked about.
    final class RecordingRegistry: PopulationRegistry {
        let inner: any PopulationRegistry
        let asked = Mutex<[String]>([])
        init(_ inner: any PopulationRegistry) { self.inner = inner }
        func lookup(_ ids: [NationalID]) async throws -> [NationalID: RegistryRecord] {
            asked.withLock { $0 += ids.map(\.digits) }
            return try await inner.lookup(ids)
        }
        func take() -> [String] { asked.withLock { asked in defer { asked = [] }; return asked } }
    }

    static func deliveries(_ tasks: [VerifyTask], redelivered: Bool) -> [AMQPDelivery] {
        tasks.enumerated().map { index, task in
            AMQPDelivery(deliveryTag: UInt64(index + 1), redelivered: redelivered, exchange: "", routingKey: "verify.79", consumerTag: "t",
                         body: task.encodedJSON(), properties: AMQPProperties(), connectionID: 1)
        }
    }

    @Test func onlyRedeliveriesAndRetriesAreLookedUpAndCopiesChangeNothing() async throws {
        try await WorkerFixture.with("donecheck") { fixture in
            let tasks = try await fixture.seed(20)
            let registry = RecordingRegistry(EmbeddedRegistry(database: fixture.registryDatabase))
            let handler = VerifyHandler(store: fixture.store, registry: registry, topology: fixture.topology,
                                        workerName: "done-check", logger: Logger(label: "done-check"))
            let ids = tasks.map(\.beneficiary.nationalID)
            let firstAttempts = [Int](repeating: 1, count: tasks.count)
            func counts() async throws -> [Int] {
                try await fixture.store.pool.read { db in
                    try ["verifications", "audit", "outbox"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
                }
            }

            let first = try await handler.process(Self.deliveries(tasks, redelivered: false), attempts: firstAttempts)
            #expect(first.allSatisfy { $0 == .completed })
            #expect(registry.take() == ids)
            let recorded = try await counts()
            #expect(recorded[0] == 20 && recorded[1] > 0 && recorded[2] > 0, "\(recorded)")

            // A redelivery of recorded tasks: acked without asking the registry again.
            let redelivered = try await handler.process(Self.deliveries(tasks, redelivered: true), attempts: firstAttempts)
            #expect(redelivered.allSatisfy { $0 == .completed })
            #expect(registry.take().isEmpty)

            // A retry (attempt 2, not flagged redelivered): the same.
            let retried = try await handler.process(Self.deliveries(tasks, redelivered: false), attempts: firstAttempts.map { $0 + 1 })
            #expect(retried.allSatisfy { $0 == .completed })
            #expect(registry.take().isEmpty)

            // A producer's republished copy is a first delivery: it is worked again, and the
            // outcome insert refuses it, so nothing is recorded, held, audited or followed up twice.
            let copies = try await handler.process(Self.deliveries(tasks, redelivered: false), attempts: firstAttempts)
            #expect(copies.allSatisfy { $0 == .completed })
            #expect(registry.take() == ids)
            #expect(try await counts() == recorded)
        }
    }
}
