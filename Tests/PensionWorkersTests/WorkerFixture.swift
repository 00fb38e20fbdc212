import AMQP
import Foundation
import Logging
import PensionDomain
import PensionStore
import Synchronization
@testable import PensionWorkers

/// A private world for one test: its own topology namespace on the real broker, its own
/// SQLite files in a temporary folder. Integration tests fail, never skip, without a broker.
final class WorkerFixture: Sendable {
    let directory: URL
    let topology: Topology
    let store: PensionDatabase
    let registryDatabase: RegistryDatabase
    /// The broker, or the nodes of a cluster (a comma-separated list).
    let url: AMQPEndpoints
    let logger = Logger(label: "worker-tests")
    let period = Period(year: 2026, month: 11)!

    /// `url`: the broker(s) to use instead of PENSIONPAY_TEST_AMQP_URL or the local broker.
    init(_ name: String, retryDelays: [Duration] = [.milliseconds(300), .milliseconds(600)], url: String? = nil) async throws {
        let unique = "\(name)-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-\(unique)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        topology = Topology(namespace: "test.\(unique)", retryDelays: retryDelays)
        store = try PensionDatabase(path: directory.appendingPathComponent("node.sqlite").path)
        registryDatabase = try RegistryDatabase.create(path: directory.appendingPathComponent("registry.sqlite").path)
        self.url = try AMQPEndpoints(url ?? ProcessInfo.processInfo.environment["PENSIONPAY_TEST_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/%2F?heartbeat=2")
        let connection = try await connect("setup")
        try await topology.declare(on: connection)
        await connection.close()
    }

    var dbPath: String { directory.appendingPathComponent("node.sqlite").path }
    var registryPath: String { directory.appendingPathComponent("registry.sqlite").path }

    func connect(_ name: String) async throws -> AMQPConnection {
        try await AMQPConnection.connect(url, name: "\(topology.namespace) \(name)", logger: logger)
    }

    /// Runs `body` with a fresh fixture and cleans up after it whether it passes or throws: a
    /// deferred `Task { await cleanUp() }` may never run before the test process exits.
    static func with<T>(_ name: String, _ body: (WorkerFixture) async throws -> T) async throws -> T {
        let fixture = try await WorkerFixture(name)
        do {
            let result = try await body(fixture)
            await fixture.cleanUp()
            return result
        } catch {
            await fixture.cleanUp()
            throw error
        }
    }

    /// Deletes the test's queues, exchanges and files.
    func cleanUp() async {
        if let connection = try? await connect("cleanup") {
            try? await topology.delete(on: connection)
            await connection.close()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Who a seeded person is, and what the registry says about them.
    enum Kind: CaseIterable { case match, mismatch, deceased, missing }

    /// Puts `count` beneficiaries on record (every 5th paid in cash) and in the registry,
    /// cycling through the kinds; returns their verify tasks.
    func seed(_ count: Int, kinds: [Kind] = Kind.allCases) async throws -> [VerifyTask] {
        var upserts: [BeneficiaryUpsert] = []
        var registryRows: [RegistryRow] = []
        var tasks: [VerifyTask] = []
        for i in 0..<count {
            let id = try NationalID.parse("0791" + String(format: "%02d", 40 + i % 50) + String(repeating: "0", count: 6 - String(i).count) + String(i))
            let birth = "19\(40 + i % 50)-05-17"
            let name = ["Nguyễn Văn Hùng", "Trần Thị Thủy", "Lê Hữu Phúc", "Đặng Thị Hòa"][i % 4]
            let sex = i % 2 == 0 ? "M" : "F"
            let cash = i % 5 == 0
            upserts.append(BeneficiaryUpsert(nationalID: id.digits, fullName: name, dateOfBirth: birth, sex: sex, provinceCode: "79",
                                             paymentMethod: cash ? .cash : .bank, bankBIN: cash ? nil : "970436",
                                             bankAccount: cash ? nil : "0011000" + String(100_000 + i)))
            switch kinds[i % kinds.count] {
            case .match:
                registryRows.append(RegistryRow(nationalID: id.digits, fullName: name.decomposedStringWithCanonicalMapping, dateOfBirth: birth, sex: sex))
            case .mismatch:
                registryRows.append(RegistryRow(nationalID: id.digits, fullName: name, dateOfBirth: "19\(40 + i % 50)-06-17", sex: sex))
            case .deceased:
                registryRows.append(RegistryRow(nationalID: id.digits, fullName: name, dateOfBirth: birth, sex: sex, status: .deceased, dateOfDeath: "2026-09-02"))
            case .missing:
                break
            }
            tasks.append(VerifyTask(taskID: TaskID.make(kind: "verify", nationalID: id, period: period), createdAt: Date(), period: period,
                                    beneficiary: .init(nationalID: id.digits, fullName: name, dateOfBirth: birth, sex: sex, provinceCode: "79")))
        }
        for start in stride(from: 0, to: upserts.count, by: 5000) {
            _ = try await store.upsertBeneficiaries(Array(upserts[start..<min(start + 5000, upserts.count)]), at: Date())
        }
        try registryDatabase.importRows(registryRows)
        return tasks
    }

    /// A roster CSV of the people of `tasks` (as `seed` put them on record), in the fixture's folder.
    func writeRoster(of tasks: [VerifyTask]) throws -> URL {
        let roster = directory.appendingPathComponent("roster.csv")
        var csv = "national_id,full_name,date_of_birth,sex,province_code\n"
        for task in tasks {
            let person = task.beneficiary
            csv += "\(person.nationalID),\(person.fullName),\(person.dateOfBirth ?? ""),\(person.sex ?? ""),\(person.provinceCode)\n"
        }
        try csv.write(to: roster, atomically: true, encoding: .utf8)
        return roster
    }

    /// Publishes tasks with confirms.
    func publish(_ tasks: [VerifyTask]) async throws {
        try await publishRaw(tasks.map { VerifyTask.message($0, topology: topology) })
    }

    func publishRaw(_ messages: [AMQPOutgoingMessage]) async throws {
        let connection = try await connect("publisher")
        do {
            try await connection.enablePublisherConfirms()
            for start in stride(from: 0, to: messages.count, by: 1000) {
                try await connection.publish(Array(messages[start..<min(start + 1000, messages.count)]))
            }
        } catch {
            await connection.close()   // a refused publish (the tests of unroutable keys) must not leak it
            throw error
        }
        await connection.close()
    }

    func makeWorker(registry: (any PopulationRegistry)? = nil, name: String = "test-worker", status: WorkerStatus = WorkerStatus(),
                    folding: OutcomeFolding = .now) -> TaskWorker<VerifyHandler> {
        let handler = VerifyHandler(store: store, registry: registry ?? EmbeddedRegistry(database: registryDatabase), topology: topology,
                                    workerName: name, logger: logger, folding: folding)
        var options = WorkerOptions(name: "\(topology.namespace) \(name)", prefetch: 200, maxBatch: 100, topology: topology)
        options.reconnect = AMQPReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
        return TaskWorker(url: url, handler: handler, options: options, status: status, logger: logger)
    }

    /// Counts messages in a queue.
    func messageCount(_ queue: String) async throws -> Int {
        let connection = try await connect("inspect")
        defer { Task { await connection.close() } }
        return try await connection.inspectQueue(queue).messageCount
    }

    /// Takes every message out of a queue (acking them).
    func drain(_ queue: String) async throws -> [AMQPDelivery] {
        let connection = try await connect("drain")
        var messages: [AMQPDelivery] = []
        while let message = try await connection.get(queue: queue) {
            messages.append(message)
            try await connection.ack(message)
        }
        await connection.close()
        return messages
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// A registry that fails its first `failures` calls (a transient outage), then answers.
final class FlakyRegistry: PopulationRegistry {
    private let inner: any PopulationRegistry
    private let remaining: Mutex<Int>
    let calls = Mutex(0)

    init(_ inner: any PopulationRegistry, failures: Int) {
        self.inner = inner
        self.remaining = Mutex(failures)
    }

    func lookup(_ ids: [NationalID]) async throws -> [NationalID: RegistryRecord] {
        calls.withLock { $0 += 1 }
        let fail = remaining.withLock { remaining -> Bool in
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
        if fail { throw RegistryUnavailable("simulated outage") }
        return try await inner.lookup(ids)
    }
}
