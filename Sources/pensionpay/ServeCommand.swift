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
        abstract: "Serve the progress page (/), its data (/api/progress), registration intake (POST /api/registrations) and /healthz.",
        discussion: "Give --db several times to show several node databases as one national view.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Port (env PENSIONPAY_HTTP_PORT; default 8080).") var port: Int?
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @OptionGroup var topologyOptions: TopologyOptions

    func run() async throws {
        let logger = global.makeLogger("pensionpay.serve")
        let paths = global.databasePaths
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw Console.fail("no database at \(path) (give --db or PENSIONPAY_DB)")
        }
        let url = try global.resolvedAMQPURL()
        let topology = try topologyOptions.topology()
        let names = Dictionary(uniqueKeysWithValues: AdministrativeUnits.provinces.map { ($0.code, $0.name) })
        // Registration requests land in the first (this node's) database.
        let intake = RegistrationIntake(store: try PensionDatabase(path: paths[0]), topology: topology)
        let registrations: @Sendable ([UInt8]) async throws -> (status: Int, json: String) = { body in
            let connection = try await AMQPConnection.connect(url, name: "pensionpay serve intake", logger: logger)
            do {
                try await connection.enablePublisherConfirms()
                let result = try await intake.submit(body, on: connection)
                await connection.close()
                return IntakeResponse.render(result)
            } catch {
                await connection.close()
                throw error
            }
        }
        let server = ProgressServer(host: host, port: port ?? ProcessInfo.processInfo.environment["PENSIONPAY_HTTP_PORT"].flatMap(Int.init) ?? 8080,
                                    logger: logger, onListening: { bound in Console.error("progress page on http://\(host):\(bound)/") },
                                    registrations: registrations) {
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
            return ProgressSnapshot(generatedAt: ISO8601.formatSeconds(Date()), report: report, provinceNames: names, queues: queues)
        }
        let group = ServiceGroup(configuration: .init(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// HTTP answers of the registration intake: 202 accepted, 400 invalid, 404 unknown beneficiary.
enum IntakeResponse {
    static func render(_ result: RegistrationIntake.Result) -> (status: Int, json: String) {
        func object(_ fields: [String: String?]) -> String {
            let data = try? JSONSerialization.data(withJSONObject: fields.compactMapValues { $0 }, options: [.sortedKeys])
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
        switch result {
        case .accepted(let taskID, let alreadyDecided):
            return (202, object(["status": alreadyDecided ? "already_decided" : "accepted", "task_id": taskID]))
        case .invalid(let code, let field, let message):
            return (400, object(["error": code, "field": field, "message": message]))
        case .unknownBeneficiary:
            return (404, object(["error": "unknown_beneficiary", "message": "no beneficiary with this national_id is on record on this node"]))
        }
    }
}
