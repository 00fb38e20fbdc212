import Foundation
import Hummingbird
import Logging
import NIOCore
import PensionDomain
import PensionStore
import ServiceLifecycle
import Synchronization

/// A real HTTP server (Hummingbird) that serves ``RegistryHTTPContract`` from a registry extract,
/// with fault injection, so the HTTP client and the workers can be tested and demonstrated over a
/// real socket (`pensionpay simulate registry`).
///
/// ``run()`` serves until its task is cancelled or, inside a `ServiceGroup`, until graceful shutdown.
/// Tests bind port 0 and read the chosen port with ``listeningPort()``, or use ``withRunningServer(_:)``.
public final class RegistrySimulator: Service, Sendable {
    /// A fault to inject into the next lookup request, ahead of the random rates (deterministic tests).
    public enum Fault: Hashable, Sendable {
        /// Answer `503`.
        case error
        /// Answer `429` with `Retry-After: seconds`.
        case throttle(retryAfterSeconds: Int)
        /// Hold the request for `RegistryFaults.timeoutHold`, then answer `504`.
        case timeout
    }

    /// The server stopped (or failed to bind) before it was listening.
    public struct NotListening: Error, Hashable, Sendable, CustomStringConvertible {
        /// Explanation.
        public var description: String { "the registry simulator stopped before listening" }
    }

    private struct State: Sendable {
        var faults: RegistryFaults
        var scripted: [Fault] = []
        var stats = RegistrySimulatorStats()
    }

    private enum Action {
        case unauthorized, serve, fault(Fault)
    }

    private let registry: any PopulationRegistry
    private let options: RegistrySimulatorOptions
    private let logger: Logger
    private let state: Mutex<State>
    private let listening = ListeningPort(notListening: { NotListening() })

    /// Serves any registry (typically an `EmbeddedRegistry` over an extract).
    public init(registry: any PopulationRegistry, options: RegistrySimulatorOptions = .init(), logger: Logger) {
        self.registry = registry
        self.options = options
        self.logger = logger
        self.state = Mutex(State(faults: options.faults))
    }

    /// Serves an open registry extract.
    public convenience init(database: RegistryDatabase, options: RegistrySimulatorOptions = .init(), logger: Logger) {
        self.init(registry: EmbeddedRegistry(database: database), options: options, logger: logger)
    }

    /// Opens the extract at `path` read-only and serves it.
    public convenience init(extractPath: String, options: RegistrySimulatorOptions = .init(), logger: Logger) throws {
        self.init(registry: try EmbeddedRegistry(path: extractPath), options: options, logger: logger)
    }

    /// Counters so far.
    public var stats: RegistrySimulatorStats { state.withLock { $0.stats } }

    /// The current fault profile.
    public var faults: RegistryFaults { state.withLock { $0.faults } }

    /// Replaces the fault profile (takes effect for the next request).
    public func setFaults(_ faults: RegistryFaults) {
        state.withLock { $0.faults = faults }
    }

    /// Queues faults for the next lookup requests, one each, before the random rates apply again.
    public func enqueueFaults(_ faults: [Fault]) {
        state.withLock { $0.scripted.append(contentsOf: faults) }
    }

    /// Binds and serves until the calling task is cancelled. Call once per simulator.
    public func run() async throws {
        let app = Application(
            router: makeRouter(),
            configuration: .init(
                address: .hostname(options.host, port: options.port), serverName: "pensionpay-registry-simulator"),
            onServerRunning: { [self] channel in
                markListening(port: channel.localAddress?.port)
            },
            logger: logger)
        defer { markEnded() }
        try await app.run()
    }

    /// The bound port, waiting until the server listens.
    ///
    /// - Throws: ``NotListening`` if ``run()`` ended first; `CancellationError` if the caller is cancelled.
    public func listeningPort() async throws -> Int {
        try await listening.wait()
    }

    /// Runs the server, calls `body` with its port once it listens, then stops the server.
    public func withRunningServer<T>(_ body: (Int) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.run() }
            defer { group.cancelAll() }
            let port = try await listeningPort()
            return try await body(port)
        }
    }

    private func markListening(port: Int?) {
        listening.markListening(port)
        logger.info("registry simulator listening", metadata: ["registry.port": "\(port.map(String.init) ?? "?")"])
    }

    private func markEnded() {
        listening.markEnded()
    }

    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get(RouterPath(RegistryHTTPContract.healthPath)) { [self] _, _ -> Response in
            state.withLock { $0.stats.healthChecks += 1 }
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
        router.post(RouterPath(RegistryHTTPContract.lookupPath)) { [self] request, _ -> Response in
            try await lookup(request)
        }
        return router
    }

    private func lookup(_ request: Request) async throws -> Response {
        let presented = request.headers[.authorization]
        let (action, faults) = state.withLock { state -> (Action, RegistryFaults) in
            state.stats.lookupRequests += 1
            if let key = options.apiKey, presented != "Bearer \(key)" {
                state.stats.unauthorized += 1
                return (.unauthorized, state.faults)
            }
            let action: Action
            if !state.scripted.isEmpty {
                action = .fault(state.scripted.removeFirst())
            } else if Self.fires(state.faults.timeoutRate) {
                action = .fault(.timeout)
            } else if Self.fires(state.faults.errorRate) {
                action = .fault(.error)
            } else if Self.fires(state.faults.throttleRate) {
                action = .fault(.throttle(retryAfterSeconds: state.faults.retryAfterSeconds))
            } else {
                action = .serve
            }
            switch action {
            case .fault(.timeout): state.stats.timedOut += 1
            case .fault(.error): state.stats.errors += 1
            case .fault(.throttle): state.stats.throttled += 1
            case .serve, .unauthorized: break
            }
            return (action, state.faults)
        }

        if case .unauthorized = action {
            return Self.plain(.unauthorized, "missing or wrong API key")
        }
        if faults.addedLatency > .zero { try await Task.sleep(for: faults.addedLatency) }
        switch action {
        case .unauthorized, .serve:
            break
        case .fault(.error):
            return Self.plain(.serviceUnavailable, "injected failure")
        case .fault(.throttle(let seconds)):
            var response = Self.plain(.tooManyRequests, "injected throttling")
            response.headers[.retryAfter] = String(max(0, seconds))
            return response
        case .fault(.timeout):
            // A held request must not delay a graceful shutdown by the whole hold.
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: faults.timeoutHold) }
            return Self.plain(.gatewayTimeout, "injected timeout")
        }

        let ids: [NationalID]
        do {
            let body = try await request.body.collect(upTo: 1 << 20)
            let decoded = try JSONDecoder().decode(RegistryHTTPContract.LookupRequest.self, from: Data(body.readableBytesView))
            ids = try Self.validate(decoded.nationalIDs)
        } catch {
            state.withLock { $0.stats.badRequests += 1 }
            return Self.plain(.badRequest, "body must be {\"national_ids\": [1 to 1000 twelve-digit strings]}")
        }

        let found: [NationalID: RegistryRecord]
        do {
            found = try await registry.lookup(ids)
        } catch {
            logger.error("registry simulator lookup failed", metadata: ["error.type": "\(type(of: error))"])
            return Self.plain(.internalServerError, "lookup failed")
        }
        let people = found.values.sorted { $0.nationalID < $1.nationalID }.map(RegistryHTTPContract.Person.init)
        let json = try JSONEncoder().encode(RegistryHTTPContract.LookupResponse(people: people))
        state.withLock { state in
            state.stats.served += 1
            state.stats.idsLookedUp += ids.count
        }
        logger.debug("registry simulator served a lookup", metadata: [
            "registry.ids": "\(ids.count)", "registry.found": "\(people.count)",
        ])
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    private struct InvalidRequest: Error {}

    private static func validate(_ raw: [String]) throws -> [NationalID] {
        guard (1...RegistryHTTPContract.maxIDsPerRequest).contains(raw.count) else { throw InvalidRequest() }
        return try raw.map { value in
            guard value.utf8.count == 12 else { throw InvalidRequest() }
            return try NationalID.parse(value)
        }
    }

    private static func fires(_ rate: Double) -> Bool {
        rate > 0 && (rate >= 1 || Double.random(in: 0..<1) < rate)
    }

    private static func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: message)))
    }
}
