import AMQP
import ArgumentParser
import Foundation
import Logging
import PensionDomain
import PensionIntegrations
import PensionOperations
import PensionStore
import PensionWorkers
import ServiceLifecycle

/// `pensionpay worker verify`: one worker process (run as many as you like per host).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run a worker process.", subcommands: [Verify.self, Register.self, Outreach.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify beneficiaries against the population registry; stops gracefully on SIGTERM/SIGINT.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var registry: RegistryOptions
        @Option(help: "Name shown on the broker and in parked messages (default: verify@HOST:PID).") var name: String?
        @Option(help: "Unacked deliveries in flight (bounds memory). Three batches' worth lets the next batch be ready while one commits.") var prefetch: UInt16 = 1500
        @Option(help: "Deliveries committed per transaction (group commit).") var batch = 500
        @OptionGroup var topologyOptions: TopologyOptions
        @Option(help: "Use the HTTP population registry at this base URL instead of the embedded extract (env PENSIONPAY_REGISTRY_URL).")
        var registryURL: String?
        @Option(help: "File holding the registry API key (env PENSIONPAY_REGISTRY_API_KEY_FILE, or PENSIONPAY_REGISTRY_API_KEY).")
        var registryAPIKeyFile: String?
        @Option(help: "Registry request timeout, seconds.") var registryTimeout = 5.0
        @Option(help: "Client certificate for mutual TLS with the registry.") var registryCert: String?
        @Option(help: "Client key for mutual TLS with the registry.") var registryKey: String?
        @Option(help: "CA bundle to trust for the registry.") var registryCA: String?
        @OptionGroup var http: WorkerHTTPOptions

        func run() async throws {
            let logger = global.makeLogger("pensionpay.worker.verify")
            let url = try global.resolvedAMQPURL()
            let workerName = name ?? "verify@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
            let store = try PensionDatabase(path: global.databasePath)
            let environment = ProcessInfo.processInfo.environment
            // Before any metric is created: metrics made earlier stay no-ops for good.
            let prometheus = MetricsBootstrap.once()
            var httpRegistry: HTTPPopulationRegistry?
            let registry: any PopulationRegistry
            if let base = registryURL ?? environment["PENSIONPAY_REGISTRY_URL"] {
                let keyFile = registryAPIKeyFile ?? environment["PENSIONPAY_REGISTRY_API_KEY_FILE"]
                let apiKey = try keyFile.map { try Secrets.read(file: $0) } ?? environment["PENSIONPAY_REGISTRY_API_KEY"]
                let tls = (registryCert != nil || registryCA != nil)
                    ? RegistryTLSOptions(certificateChainPath: registryCert, privateKeyPath: registryKey, trustRootsPath: registryCA) : nil
                let client = try HTTPPopulationRegistry(
                    options: HTTPRegistryOptions(baseURL: base, apiKey: apiKey, requestTimeout: .milliseconds(Int64(registryTimeout * 1000)), tls: tls),
                    logger: logger)
                httpRegistry = client
                registry = InstrumentedRegistry(client, adapter: "http")
            } else {
                registry = InstrumentedRegistry(try EmbeddedRegistry(path: self.registry.path), adapter: "embedded")
            }
            let topology = try topologyOptions.topology()
            let handler = VerifyHandler(store: store, registry: registry, topology: topology, workerName: workerName, logger: logger,
                                        folding: .deferred)
            let status = WorkerStatus()
            let worker = TaskWorker(url: url, handler: handler,
                                    options: WorkerOptions(name: workerName, prefetch: prefetch, maxBatch: batch, topology: topology),
                                    status: status, logger: logger)
            let relay = OutboxRelay(url: url, store: store, name: workerName, topology: topology, logger: logger)
            do {
                try await WorkerProcess.run(worker, helpers: [relay, WALCheckpointer(store: store, logger: logger), OutcomeFolder(store: store, logger: logger)], status: status, http: http, metrics: prometheus, logger: logger)
            } catch {
                try? await httpRegistry?.shutdown()
                throw error
            }
            try await httpRegistry?.shutdown()
        }
    }
}
