import AMQP
import ArgumentParser
import Foundation
import Logging
import PensionStore
import PensionWorkers
import ServiceLifecycle

/// `pensionpay worker verify`: one worker process (run as many as you like per host).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run a worker process.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify beneficiaries against the population registry; stops gracefully on SIGTERM/SIGINT.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var registry: RegistryOptions
        @Option(help: "Name shown on the broker and in parked messages (default: verify@HOST:PID).") var name: String?
        @Option(help: "Unacked deliveries in flight (bounds memory).") var prefetch: UInt16 = 1000
        @Option(help: "Deliveries committed per transaction (group commit).") var batch = 500
        @Option(help: "Topology namespace (tests and benchmarks use their own).") var namespace = "pensionpay"

        func run() async throws {
            let logger = global.makeLogger("pensionpay.worker.verify")
            let url = try global.resolvedAMQPURL()
            let workerName = name ?? "verify@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
            let store = try PensionDatabase(path: global.databasePath)
            let registry = try EmbeddedRegistry(path: registry.path)
            let topology = Topology(namespace: namespace)
            let handler = VerifyHandler(store: store, registry: registry, topology: topology, workerName: workerName, logger: logger)
            let worker = TaskWorker(url: url, handler: handler,
                                    options: WorkerOptions(name: workerName, prefetch: prefetch, maxBatch: batch, topology: topology),
                                    logger: logger)
            let relay = OutboxRelay(url: url, store: store, name: workerName, topology: topology, logger: logger)
            let group = ServiceGroup(configuration: .init(
                services: [.init(service: relay), .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
            try await group.run()
        }
    }
}
