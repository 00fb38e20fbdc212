import ArgumentParser
import Foundation
import Logging
import PensionOperations
import PensionWorkers
import Prometheus
import ServiceLifecycle

/// `--http-port` / `--http-host`: the health and metrics endpoints of a worker process.
struct WorkerHTTPOptions: ParsableArguments {
    @Option(help: "Serve /healthz, /readyz and /metrics on this port (env PENSIONPAY_HTTP_PORT; default: off).") var httpPort: Int?
    @Option(help: "Address for the HTTP endpoints (env PENSIONPAY_HTTP_HOST; default 127.0.0.1).") var httpHost: String?
}

/// Runs a worker process: the worker, its helpers (outbox relay …), and the HTTP endpoints, in one
/// ServiceGroup that drains on SIGTERM/SIGINT (the endpoints start first and stop last).
enum WorkerProcess {
    static func run(_ worker: some Service, helpers: [any Service], status: WorkerStatus, http: WorkerHTTPOptions,
                    metrics: PrometheusCollectorRegistry, logger: Logger) async throws {
        let environment = ProcessInfo.processInfo.environment
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let port = http.httpPort ?? environment["PENSIONPAY_HTTP_PORT"].flatMap(Int.init) {
            let host = http.httpHost ?? environment["PENSIONPAY_HTTP_HOST"] ?? "127.0.0.1"
            services.append(.init(service: OperationsServer(host: host, port: port, status: status, registry: metrics, logger: logger),
                                  successTerminationBehavior: .ignore))
        }
        for helper in helpers { services.append(.init(service: helper)) }
        services.append(.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup))
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
