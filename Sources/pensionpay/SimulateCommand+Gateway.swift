import ArgumentParser
import Foundation
import PensionIntegrations
import ServiceLifecycle

extension SimulateCommand {
    /// `pensionpay simulate gateway --port N`.
    struct Gateway: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the notice-gateway contract (docs/notice-gateway-http.md) with idempotency keys and injectable faults.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Port on 127.0.0.1 (0 picks a free one and prints it).") var port = 8092
        @Option(help: "Host to bind.") var host = "127.0.0.1"
        @Option(help: "Added latency per send, milliseconds.") var latencyMs = 0
        @Option(help: "Share of sends answered 503 (0…1).") var errorRate = 0.0
        @Option(help: "Share of sends held past the client's timeout (0…1).") var timeoutRate = 0.0
        @Option(help: "File of recipients (one per line) refused for good, e.g. invalid numbers.") var rejectFile: String?

        func validate() throws {
            for (name, rate) in [("error-rate", errorRate), ("timeout-rate", timeoutRate)] where !(0...1).contains(rate) {
                throw ValidationError("--\(name) must be between 0 and 1")
            }
        }

        func run() async throws {
            let logger = global.makeLogger("pensionpay.simulate.gateway")
            var rejected = Set<String>()
            if let rejectFile {
                guard let text = try? String(contentsOfFile: rejectFile, encoding: .utf8) else {
                    throw ValidationError("cannot read \(rejectFile)")
                }
                rejected = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            }
            let simulator = NoticeGatewaySimulator(
                host: host, port: port,
                faults: NoticeGatewayFaults(addedLatency: .milliseconds(latencyMs), errorRate: errorRate, timeoutRate: timeoutRate,
                                            rejectedRecipients: rejected),
                logger: logger)
            let group = ServiceGroup(configuration: .init(services: [simulator], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let bound = try await simulator.listeningPort()
                print("notice gateway simulator listening on http://\(host):\(bound)")
                fflush(nil)   // all C streams: scripts and the bench read this line through a pipe
                try await tasks.waitForAll()
            }
        }
    }
}
