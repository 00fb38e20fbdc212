import Foundation
import Hummingbird
import Logging
import NIOCore
import PensionDomain
import ServiceLifecycle
import Synchronization

/// A real HTTP server (Hummingbird) that plays the notice gateway (``NoticeGatewayHTTPContract``):
/// accepts SMS, Zalo, e-mail and letter notices, honours idempotency keys (a replayed key answers with
/// the first message id and sends nothing), injects faults, and lists what it "delivered" at
/// `GET /v1/sent` (`pensionpay simulate gateway`).
public final class NoticeGatewaySimulator: Service, Sendable {
    /// A fault for the next send requests, ahead of the random rates (deterministic tests).
    public enum Fault: Hashable, Sendable {
        /// Answer `503`.
        case error
        /// Hold for `timeoutHold`, then `504`.
        case timeout
        /// Accept and record the message, but answer `503` (the answer is lost): the client retries with
        /// the same key and must not cause a second message.
        case acceptThenError
    }

    private struct State: Sendable {
        var faults: NoticeGatewayFaults
        var scripted: [Fault] = []
        var byKey: [String: String] = [:]
        var sent: [NoticeGatewayHTTPContract.SentMessage] = []
        var requests = 0
        var replays = 0
        var rejected = 0
        var faulted = 0
    }

    private let host: String
    private let port: Int
    private let logger: Logger
    private let state: Mutex<State>
    private let listening = ListeningPort(notListening: { RegistrySimulator.NotListening() })

    /// Creates a simulator on `host:port` (port 0 picks a free one).
    public init(host: String = "127.0.0.1", port: Int = 0, faults: NoticeGatewayFaults = .none, logger: Logger) {
        self.host = host
        self.port = port
        self.logger = logger
        self.state = Mutex(State(faults: faults))
    }

    /// Replaces the fault profile.
    public func setFaults(_ faults: NoticeGatewayFaults) { state.withLock { $0.faults = faults } }

    /// Queues faults for the next send requests, one each.
    public func enqueueFaults(_ faults: [Fault]) { state.withLock { $0.scripted.append(contentsOf: faults) } }

    /// Messages accepted so far, oldest first (each notice id once).
    public var sent: [NoticeGatewayHTTPContract.SentMessage] { state.withLock { $0.sent } }

    /// (requests, replays answered from the idempotency store, permanent rejections, injected faults).
    public var counters: (requests: Int, replays: Int, rejected: Int, faulted: Int) {
        state.withLock { ($0.requests, $0.replays, $0.rejected, $0.faulted) }
    }

    /// Binds and serves until cancelled or graceful shutdown.
    public func run() async throws {
        let router = Router(context: BasicRequestContext.self)
        router.get(RouterPath(NoticeGatewayHTTPContract.healthPath)) { _, _ -> Response in
            Self.plain(.ok, "ok")
        }
        router.get(RouterPath(NoticeGatewayHTTPContract.sentPath)) { [self] _, _ -> Response in
            let list = NoticeGatewayHTTPContract.SentList(messages: sent)
            return Self.json(.ok, try NoticeGatewayHTTPContract.encoder.encode(list))
        }
        router.post(RouterPath(NoticeGatewayHTTPContract.sendPath)) { [self] request, _ -> Response in
            try await send(request)
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "pensionpay-notice-gateway-simulator"),
            onServerRunning: { [self] channel in markListening(port: channel.localAddress?.port) },
            logger: logger)
        defer { markEnded() }
        try await app.run()
    }

    /// The bound port, once listening.
    public func listeningPort() async throws -> Int {
        try await listening.wait()
    }

    /// Runs the server, calls `body` with its port, then stops it.
    public func withRunningServer<T>(_ body: (Int) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.run() }
            defer { group.cancelAll() }
            return try await body(try await listeningPort())
        }
    }

    private func markListening(port: Int?) {
        listening.markListening(port)
        logger.info("notice gateway simulator listening", metadata: ["gateway.port": "\(port.map(String.init) ?? "?")"])
    }

    private func markEnded() {
        listening.markEnded()
    }

    private enum Decision {
        case replay(String), fault(Fault), reject(ChannelFailure), accept(String)
    }

    private func send(_ request: Request) async throws -> Response {
        let wanted = NoticeGatewayHTTPContract.idempotencyHeader.lowercased()
        let key = request.headers.first { $0.name.canonicalName == wanted }?.value
        let message: NoticeMessage
        do {
            let body = try await request.body.collect(upTo: 1 << 20)
            message = try NoticeGatewayHTTPContract.decoder.decode(NoticeMessage.self, from: Data(body.readableBytesView))
        } catch {
            return Self.plain(.badRequest, "the body must be a notice message as JSON")
        }
        guard let key, key == message.noticeID, !key.isEmpty else {
            return Self.plain(.badRequest, "Idempotency-Key must be present and equal notice_id")
        }
        guard message.channel != .homeVisit, !message.recipient.isEmpty, !message.body.isEmpty else {
            return Self.plain(.badRequest, "channel must be sms, zalo, email or letter, with a recipient and a body")
        }
        let (decision, faults) = state.withLock { state -> (Decision, NoticeGatewayFaults) in
            state.requests += 1
            if let existing = state.byKey[key] {
                state.replays += 1
                return (.replay(existing), state.faults)
            }
            var fault: Fault?
            if !state.scripted.isEmpty {
                fault = state.scripted.removeFirst()
            } else if Self.fires(state.faults.timeoutRate) {
                fault = .timeout
            } else if Self.fires(state.faults.errorRate) {
                fault = .error
            }
            if let fault, fault != .acceptThenError {
                state.faulted += 1
                return (.fault(fault), state.faults)
            }
            if state.faults.rejectedRecipients.contains(message.recipient) {
                state.rejected += 1
                let failure: ChannelFailure = switch message.channel {
                case .sms: .invalidNumber
                case .zalo: .notRegistered
                case .email, .letter, .homeVisit: .invalidAddress
                }
                return (.reject(failure), state.faults)
            }
            let id = "msg-" + UUID().uuidString.lowercased()
            state.byKey[key] = id
            state.sent.append(.init(messageID: id, message: message, receivedAt: Date()))
            if fault == .acceptThenError {
                state.faulted += 1
                return (.fault(.acceptThenError), state.faults)
            }
            return (.accept(id), state.faults)
        }
        if faults.addedLatency > .zero { try await Task.sleep(for: faults.addedLatency) }
        switch decision {
        case .replay(let id):
            return Self.json(.ok, try NoticeGatewayHTTPContract.encoder.encode(NoticeReceipt(messageID: id, duplicate: true)))
        case .accept(let id):
            return Self.json(.accepted, try NoticeGatewayHTTPContract.encoder.encode(NoticeReceipt(messageID: id)))
        case .reject(let failure):
            return Self.json(.unprocessableContent,
                             try NoticeGatewayHTTPContract.encoder.encode(NoticeGatewayHTTPContract.Rejection(error: failure.rawValue)))
        case .fault(.timeout):
            try await cancelWhenGracefulShutdown { try await Task.sleep(for: faults.timeoutHold) }
            return Self.plain(.gatewayTimeout, "injected timeout")
        case .fault(.error), .fault(.acceptThenError):
            return Self.plain(.serviceUnavailable, "injected failure")
        }
    }

    private static func fires(_ rate: Double) -> Bool {
        rate > 0 && (rate >= 1 || Double.random(in: 0..<1) < rate)
    }

    private static func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: message)))
    }

    private static func json(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
