import ArgumentParser
import Foundation
import Logging
import PensionIntegrations
import ServiceLifecycle

extension SimulateCommand {
    /// `pensionpay simulate bank --accounts FILE.csv`: the bank name-inquiry service over a real socket.
    struct Bank: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the bank name-inquiry contract (docs/bank-inquiry-http.md) from a CSV of accounts, with injectable faults.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "CSV with header bank_bin,bank_account,holder_name.") var accounts: String
        @Option(help: "Port on 127.0.0.1 (0 picks a free one and prints it).") var port = 8091
        @Option(help: "Host to bind.") var host = "127.0.0.1"
        @Option(help: "Added latency per request, milliseconds.") var latencyMs = 0
        @Option(help: "Share of requests answered 503 (0…1).") var errorRate = 0.0
        @Option(help: "Share of requests held past the client's timeout (0…1).") var timeoutRate = 0.0
        @Option(help: "Share of requests answered 429 with Retry-After (0…1).") var throttleRate = 0.0
        @Option(help: "Retry-After seconds on 429.") var retryAfter = 1
        @Option(help: "File holding the API key clients must send as a Bearer token (env PENSIONPAY_BANK_API_KEY_FILE).")
        var apiKeyFile: String?

        func validate() throws {
            for (name, rate) in [("error-rate", errorRate), ("timeout-rate", timeoutRate), ("throttle-rate", throttleRate)] where !(0...1).contains(rate) {
                throw ValidationError("--\(name) must be between 0 and 1")
            }
        }

        func run() async throws {
            let logger = global.makeLogger("pensionpay.simulate.bank")
            let keyFile = apiKeyFile ?? ProcessInfo.processInfo.environment["PENSIONPAY_BANK_API_KEY_FILE"]
            let apiKey = try keyFile.map { try Secrets.read(file: $0) }
            let faults = RegistryFaults(addedLatency: .milliseconds(latencyMs), errorRate: errorRate, timeoutRate: timeoutRate,
                                        throttleRate: throttleRate, retryAfterSeconds: retryAfter)
            let bankAccounts: SimulatedBankAccounts
            do {
                bankAccounts = try SimulatedBankAccounts(csvPath: accounts)
            } catch {
                throw Console.fail("\(error)")
            }
            Console.error("loaded \(bankAccounts.holders.count) accounts from \(accounts)")
            let simulator = BankSimulator(bank: bankAccounts,
                                          options: RegistrySimulatorOptions(host: host, port: port, apiKey: apiKey, faults: faults),
                                          logger: logger)
            let group = ServiceGroup(configuration: .init(services: [simulator], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let bound = try await simulator.listeningPort()
                print("bank simulator listening on http://\(host):\(bound)")
                fflush(nil)   // all C streams: scripts and the bench read this line through a pipe
                try await tasks.waitForAll()
            }
        }
    }
}
