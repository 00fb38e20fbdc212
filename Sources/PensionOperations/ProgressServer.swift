import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `pensionpay serve`: the progress page for provincial staff and operators.
///
/// `GET /` is a self-contained HTML page (no external assets) that draws itself from
/// `GET /api/progress` and refreshes every 15 seconds; `GET /healthz` answers `ok`.
public struct ProgressServer: Service {
    private let host: String
    private let port: Int
    private let snapshot: @Sendable () async throws -> ProgressSnapshot
    private let logger: Logger
    private let onListening: @Sendable (Int) -> Void
    private let registrations: (@Sendable ([UInt8]) async throws -> (status: Int, json: String))?

    /// A server whose data comes from `snapshot` on every request. With `registrations`, it also
    /// accepts `POST /api/registrations` (a JSON registration request) and answers with the
    /// status and JSON body the closure returns.
    public init(host: String = "127.0.0.1", port: Int, logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in },
                registrations: (@Sendable ([UInt8]) async throws -> (status: Int, json: String))? = nil,
                snapshot: @escaping @Sendable () async throws -> ProgressSnapshot) {
        self.host = host
        self.port = port
        self.registrations = registrations
        self.snapshot = snapshot
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until graceful shutdown.
    public func run() async throws {
        let router = Router(context: BasicRequestContext.self)
        router.get("/") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: ProgressPage.html)))
        }
        router.get("healthz") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("api/progress") { [snapshot, logger] _, _ -> Response in
            do {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let data = try encoder.encode(try await snapshot())
                return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(bytes: data)))
            } catch {
                logger.error("progress snapshot failed", metadata: ["error": "\(error)"])
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain"],
                                body: .init(byteBuffer: ByteBuffer(string: "progress data unavailable\n")))
            }
        }
        if let registrations {
            router.post("api/registrations") { [logger] request, _ -> Response in
                do {
                    let body = try await request.body.collect(upTo: 16_384 + 1)
                    let (status, json) = try await registrations(Array(buffer: body))
                    return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                                    body: .init(byteBuffer: ByteBuffer(string: json + "\n")))
                } catch {
                    logger.error("registration intake failed", metadata: ["error": "\(error)"])
                    return Response(status: .serviceUnavailable, headers: [.contentType: "application/json"],
                                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":"unavailable","message":"try again later"}"# + "\n")))
                }
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "pensionpay-progress"),
                              onServerRunning: { [onListening] channel in onListening(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.run()   // `runService()` would start a ServiceGroup (and signal handlers) of its own
    }
}
