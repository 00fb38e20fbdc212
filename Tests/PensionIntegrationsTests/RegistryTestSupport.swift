import Foundation
import Logging
import PensionDomain
import PensionIntegrations
import PensionStore
import Testing

/// Shared fixtures: a temporary extract, a simulator on a free loopback port, a client pointed at it.
enum RegistryTestSupport {
    static let logger = Logger(label: "test.registry") { _ in SwiftLogNoOpLogHandler() }

    static func id(_ digits: String) -> NationalID { try! NationalID.parse(digits) }

    /// Three known people: alive with a full profile, alive with a partial birth date, deceased.
    static let alive = RegistryRow(
        nationalID: "079150000001", fullName: "Nguyễn Văn An", dateOfBirth: "1950-03-07", sex: "M",
        status: .alive, provinceCode: "79", communeCode: "26734")
    static let partial = RegistryRow(nationalID: "001148000002", fullName: "Trần Thị Bình", dateOfBirth: "1948", sex: "F")
    static let deceased = RegistryRow(
        nationalID: "036045000003", fullName: "Lê Văn Cường", dateOfBirth: "1945-11", sex: "M",
        status: .deceased, dateOfDeath: "2025-10-02", provinceCode: "36")
    static let unknownID = "079150999999"

    /// A fresh extract in a temporary folder.
    static func makeDatabase(_ rows: [RegistryRow] = [alive, partial, deceased]) throws -> RegistryDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try RegistryDatabase.create(path: folder.appendingPathComponent("extract.sqlite").path)
        try database.importRows(rows)
        return database
    }

    /// Client options for tests: short back-offs, a breaker that stays out of the way unless asked.
    static func clientOptions(port: Int, _ configure: (inout HTTPRegistryOptions) -> Void = { _ in }) -> HTTPRegistryOptions {
        var options = HTTPRegistryOptions(
            baseURL: "http://127.0.0.1:\(port)",
            requestTimeout: .seconds(10),
            connectTimeout: .seconds(5),
            retry: RegistryRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
            circuitBreaker: .init(failureThreshold: 1000, coolDown: .seconds(1)))
        configure(&options)
        return options
    }

    /// Runs `body` with a simulator serving `rows` on a free port of 127.0.0.1.
    static func withSimulator<T>(
        rows: [RegistryRow] = [alive, partial, deceased],
        options: RegistrySimulatorOptions = .init(),
        _ body: (RegistrySimulator, Int) async throws -> T
    ) async throws -> T {
        let simulator = RegistrySimulator(database: try makeDatabase(rows), options: options, logger: logger)
        return try await simulator.withRunningServer { port in try await body(simulator, port) }
    }

    /// Runs `body` with a client, shutting it down afterwards whatever happens.
    static func withClient<T>(
        _ options: HTTPRegistryOptions, _ body: (HTTPPopulationRegistry) async throws -> T
    ) async throws -> T {
        let client = try HTTPPopulationRegistry(options: options, logger: logger)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Waits until `condition` holds, polling, failing after `timeout` (generous: CI has two shared cores).
    static func waitUntil(
        timeout: Duration = .seconds(15), _ what: String, _ condition: () async -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
    }
}

/// A deterministic generator (SplitMix64) so jitter tests are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
