import Foundation
import Hummingbird      // HTTPResponse, HTTPFields (re-exported from HTTPTypes)
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import PensionWorkers
import Prometheus
import ServiceLifecycle

/// The HTTP face of a worker process for operators and orchestrators:
/// `GET /healthz` (the process is alive), `GET /readyz` (consuming from the broker *and* able
/// to write the database — false while reconnecting after a broker restart or while the disk
/// refuses writes) and `GET /metrics` (Prometheus text format).
///
/// Served by HummingbirdCore's HTTP/1 server without Hummingbird's application layer: that layer
/// stamps the `Date` header through a Foundation `Calendar` every second, which kept about
/// 1.8 MiB of ICU's data resident in every worker; three fixed routes need no router.
public struct OperationsServer: Service {
    private let host: String
    private let port: Int
    private let status: WorkerStatus
    private let registry: PrometheusCollectorRegistry
    private let logger: Logger
    private let onListening: @Sendable (Int) -> Void

    /// The `Server` header of every response.
    static let serverName = "pensionpay-worker"

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
        let server = Server(
            childChannelSetup: HTTP1Channel(responder: { [status, registry] (request, writer: consuming ResponseWriter, _) in
                var response = Self.response(to: request, status: status, registry: registry)
                response.headers[.server] = Self.serverName
                if let date = HTTPDate.format(secondsSince1970: Int(Date().timeIntervalSince1970.rounded(.down))) {
                    response.headers[.date] = date
                }
                try await writer.write(response: response.head, body: response.body)
            }),
            configuration: .init(address: .hostname(host, port: port), serverName: Self.serverName),
            onServerRunning: { [onListening] channel in onListening(channel.localAddress?.port ?? 0) },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger)
        try await server.run()
    }

    /// The response to one request: the three routes for GET (and HEAD, without the body), 405
    /// for another method on them, 404 for any other path.
    static func response(to request: Request, status: WorkerStatus, registry: PrometheusCollectorRegistry) -> Response {
        let path = request.uri.path
        guard ["/healthz", "/readyz", "/metrics"].contains(path) else { return Response(status: .notFound) }
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let response: Response
        switch path {
        case "/healthz":
            response = text(.ok, "text/plain", ByteBuffer(string: "ok\n"))
        case "/readyz":
            let ready = status.isReady
            let body = #"{"ready":\#(ready),"consuming":\#(status.isConsuming),"store_healthy":\#(status.isStoreHealthy),"topology_ok":\#(status.topologyProblem == nil)}"# + "\n"
            response = text(ready ? .ok : .serviceUnavailable, "application/json", ByteBuffer(string: body))
        default:   // "/metrics"
            response = text(.ok, "text/plain; version=0.0.4; charset=utf-8", ByteBuffer(bytes: registry.emitToBuffer()))
        }
        return request.method == .head ? response.createHeadResponse() : response
    }

    private static func text(_ code: HTTPResponse.Status, _ contentType: String, _ body: ByteBuffer) -> Response {
        Response(status: code, headers: [.contentType: contentType], body: .init(byteBuffer: body))
    }
}
