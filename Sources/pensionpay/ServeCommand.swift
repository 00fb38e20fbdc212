import AMQP
import ArgumentParser
import Foundation
import Logging
import PensionDomain
import PensionOperations
import PensionStore
import PensionWorkers
import ServiceLifecycle

/// `pensionpay serve`: the progress page and its JSON, for provincial staff and operators.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the progress page (/), its data (/api/progress) and /healthz.",
        discussion: "Give --db several times to show several node databases as one national view.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Port (env PENSIONPAY_HTTP_PORT; default 8080).") var port: Int?
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Topology namespace for queue health.") var namespace = "pensionpay"

    func run() async throws {
        let logger = global.makeLogger("pensionpay.serve")
        let paths = global.databasePaths
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw Console.fail("no database at \(path) (give --db or PENSIONPAY_DB)")
        }
        let url = try global.resolvedAMQPURL()
        let topology = Topology(namespace: namespace)
        let names = Dictionary(uniqueKeysWithValues: AdministrativeUnits.provinces.map { ($0.code, $0.name) })
        let server = ProgressServer(host: host, port: port ?? ProcessInfo.processInfo.environment["PENSIONPAY_HTTP_PORT"].flatMap(Int.init) ?? 8080,
                                    logger: logger, onListening: { bound in Console.error("progress page on http://\(host):\(bound)/") }) {
            let report = try await ReportLoader.load(paths, period: nil, byCommune: false)
            var queues: [ProgressSnapshot.Queue] = []
            do {
                let connection = try await AMQPConnection.connect(url, name: "pensionpay serve", logger: logger)
                do {
                    queues = try await QueueHealth.collect(on: connection, topology: topology)
                } catch {
                    await connection.close()
                    throw error
                }
                await connection.close()
            } catch {
                queues = [.init(name: "broker", role: "-", error: "broker unreachable")]
            }
            return ProgressSnapshot(generatedAt: Date().formatted(.iso8601), report: report, provinceNames: names, queues: queues)
        }
        let group = ServiceGroup(configuration: .init(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
