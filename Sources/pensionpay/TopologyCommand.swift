import AMQP
import ArgumentParser
import PensionDomain
import PensionWorkers

/// `pensionpay topology declare`.
struct TopologyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology", abstract: "Broker exchanges and queues.", subcommands: [Declare.self])

    struct Declare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare exchanges, quorum work queues, the retry ladder and the parking lot (idempotent).")

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("province"), help: "Bind only these provinces (repeatable; default: all).")
        var provinces: [String] = []

        @OptionGroup var topologyOptions: TopologyOptions

        func validate() throws {
            for code in provinces where AdministrativeUnits.province(forCode: code)?.code != code {
                throw ValidationError("--province \(code) is not one of the 34 current province codes")
            }
        }

        func run() async throws {
            let logger = global.makeLogger("pensionpay.topology")
            let topology = try topologyOptions.topology(provinces: provinces)
            let connection = try await AMQPConnection.connect(try global.resolvedAMQPURL(), name: "pensionpay topology", logger: logger)
            do {
                try await topology.declare(on: connection)
            } catch let error as TopologyError {
                await connection.close()
                throw Console.fail(error.message)
            }
            await connection.close()
            print("topology declared: \(topology.tasksExchange), \(TaskKind.allCases.map { topology.publishExchange($0) }.joined(separator: ", ")), \(TaskKind.allCases.map { topology.workQueue($0) }.joined(separator: ", ")), "
                  + "\(topology.retryDelays.indices.map { topology.retryExchange(rung: $0) }.joined(separator: ", ")), \(topology.deadQueue)")
        }
    }
}
