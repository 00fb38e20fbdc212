import Foundation
import Hummingbird
import Logging
import PensionWorkers
import Prometheus
import ServiceLifecycle

/// The HTTP face of a worker process for operators and orchestrators:
/// `GET /healthz` (the process is alive), `GET /readyz` (consuming from the broker *and* able
/// to write the database — false while reconnecting after a broker restart or while the disk
/// refuses writes) and `GET /metrics` (Prometheus text format).
public struct OperationsServer: Service {
    private let host: String
    private let port: Int
    private let status: WorkerStatus
    private let registry: PrometheusCollectorRegistry
    private let logger: Logger
    private let onListening: @Sendable (Int) -> Void

    /// A server on `host:port` (port 0 picks a free one, reported through `onListening`).
    public init(host: String = "127.0.0.1", port: Int, status: WorkerStatus, registry: PrometheusCollectorRegistry, logger: Logger,
                onListening: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.host = host
        self.port = port
        self.status = status
        self.registry = registry
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until graceful shutdown.
    public func run() async throws {
        let app = Application(
            router: Self.router(status: status, registry: registry),
            configuration: .init(address: .hostname(host, port: port), serverName: "pensionpay-worker"),
            onServerRunning: { [onListening] channel in onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.run()   // `runService()` would start a ServiceGroup (and signal handlers) of its own
    }

    static func router(status: WorkerStatus, registry: PrometheusCollectorRegistry) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("healthz") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("readyz") { _, _ -> Response in
            let ready = status.isReady
            let body = #"{"ready":\#(ready),"consuming":\#(status.isConsuming),"store_healthy":\#(status.isStoreHealthy),"topology_ok":\#(status.topologyProblem == nil)}"# + "\n"
            return Response(status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        return router
    }
}
