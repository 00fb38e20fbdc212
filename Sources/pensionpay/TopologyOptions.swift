import ArgumentParser
import Foundation
import PensionWorkers

/// Which broker topology a command works on: its namespace and retry ladder. `topology declare`,
/// the workers and the status views must agree on both.
struct TopologyOptions: ParsableArguments {
    @Option(help: "Topology namespace (tests and benchmarks use their own).")
    var namespace = "pensionpay"

    @Option(name: .customLong("retry-delays"),
            help: "Retry ladder, e.g. 5s,30s,5m (env PENSIONPAY_RETRY_DELAYS; default 5s,30s,5m). Must match `topology declare`.")
    var retryDelays: String?

    /// The topology these options name.
    func topology(provinces: [String] = []) throws -> Topology {
        guard let text = retryDelays ?? ProcessInfo.processInfo.environment["PENSIONPAY_RETRY_DELAYS"] else {
            return Topology(namespace: namespace, provinces: provinces)
        }
        do {
            return Topology(namespace: namespace, retryDelays: try Topology.parseRetryDelays(text), provinces: provinces)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
