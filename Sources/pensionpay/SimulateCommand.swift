import ArgumentParser
import Foundation
import Logging
import PensionIntegrations
import PensionStore
import PensionWorkers
import ServiceLifecycle

/// `pensionpay simulate registry`: stand-ins for systems we cannot reach, over real sockets.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Run a simulator of an external system.", subcommands: [Registry.self, Bank.self, Gateway.self])

    struct Registry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the population-registry lookup contract (docs/registry-http.md) from an extract, with injectable faults.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Registry extract: a CSV (imported into a temporary database) or a registry database from `registry import`.")
        var extract: String
        @Option(help: "Port on 127.0.0.1 (0 picks a free one and prints it).") var port = 8090
        @Option(help: "Host to bind.") var host = "127.0.0.1"
        @Option(help: "Added latency per request, milliseconds.") var latencyMs = 0
        @Option(help: "Share of requests answered 503 (0…1).") var errorRate = 0.0
        @Option(help: "Share of requests held past the client's timeout (0…1).") var timeoutRate = 0.0
        @Option(help: "Share of requests answered 429 with Retry-After (0…1).") var throttleRate = 0.0
        @Option(help: "Retry-After seconds on 429.") var retryAfter = 1
        @Option(help: "File holding the API key clients must send as a Bearer token (env PENSIONPAY_REGISTRY_API_KEY_FILE).")
        var apiKeyFile: String?

        func validate() throws {
            for (name, rate) in [("error-rate", errorRate), ("timeout-rate", timeoutRate), ("throttle-rate", throttleRate)] where !(0...1).contains(rate) {
                throw ValidationError("--\(name) must be between 0 and 1")
            }
        }

        func run() async throws {
            let logger = global.makeLogger("pensionpay.simulate.registry")
            var databasePath = extract
            var temporary: URL?
            if extract.lowercased().hasSuffix(".csv") {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-sim-\(UUID().uuidString.prefix(8))")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                temporary = directory
                databasePath = directory.appendingPathComponent("registry.sqlite").path
                let summary = try RegistryImporter(database: try RegistryDatabase.create(path: databasePath)).run(path: extract)
                Console.error("loaded \(summary.stored) people from \(extract)")
            }
            defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
            let keyFile = apiKeyFile ?? ProcessInfo.processInfo.environment["PENSIONPAY_REGISTRY_API_KEY_FILE"]
            let apiKey = try keyFile.map { try Secrets.read(file: $0) }
            let faults = RegistryFaults(addedLatency: .milliseconds(latencyMs), errorRate: errorRate, timeoutRate: timeoutRate,
                                        throttleRate: throttleRate, retryAfterSeconds: retryAfter)
            let simulator = try RegistrySimulator(extractPath: databasePath,
                                                  options: RegistrySimulatorOptions(host: host, port: port, apiKey: apiKey, faults: faults),
                                                  logger: logger)
            let group = ServiceGroup(configuration: .init(services: [simulator], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let bound = try await simulator.listeningPort()
                print("registry simulator listening on http://\(host):\(bound)")
                fflush(nil)   // all C streams: scripts and the bench read this line through a pipe
                try await tasks.waitForAll()
            }
        }
    }
}

/// Secrets come from files (or the environment), never from flags that show in `ps`.
enum Secrets {
    static func read(file: String) throws -> String {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ValidationError("cannot read secret file \(file)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
