import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PensionDomain
import Synchronization

/// The notice gateway reached over HTTP (``NoticeGatewayHTTPContract``): one pooled AsyncHTTPClient,
/// per-attempt deadlines, jittered retries (``RegistryRetryPolicy``) and a ``CircuitBreaker``.
///
/// Every attempt carries `Idempotency-Key: <notice id>`, so retrying after a timeout whose request did
/// reach the gateway cannot send the notice twice. Call ``shutdown()`` once when done.
public final class HTTPNoticeGateway: NoticeGateway {
    private let client: HTTPClient
    private let options: NoticeGatewayOptions
    private let sendURL: String
    private let sentURL: String
    private let logger: Logger
    private let breaker: Mutex<CircuitBreaker>

    /// Creates the client.
    ///
    /// - Throws: ``RegistryConfigurationError`` for a URL that is not `http(s)://host[:port]`.
    public init(options: NoticeGatewayOptions, logger: Logger) throws(RegistryConfigurationError) {
        var base = options.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw RegistryConfigurationError("the notice gateway URL must be http(s)://host[:port]")
        }
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: HTTPPopulationRegistry.timeAmount(options.connectTimeout),
                           read: HTTPPopulationRegistry.timeAmount(options.requestTimeout)),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, options.maxConnections)),
            decompression: .disabled)
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.options = options
        self.sendURL = base + NoticeGatewayHTTPContract.sendPath
        self.sentURL = base + NoticeGatewayHTTPContract.sentPath
        self.logger = logger
        self.breaker = Mutex(CircuitBreaker(configuration: options.circuitBreaker))
    }

    /// Closes pooled connections; call once, after the last send.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends with bounded retries; see ``NoticeGateway/send(_:)``.
    public func send(_ message: NoticeMessage) async throws(NoticeGatewayError) -> NoticeReceipt {
        var attempt = 1
        while true {
            let admission = breaker.withLock { $0.admit(now: .now) }
            guard admission != .rejected else {
                throw NoticeGatewayError.unavailable("circuit breaker open after repeated failures")
            }
            let failure: RegistryHTTPError
            do {
                let receipt = try await perform(message)
                breaker.withLock { $0.recordSuccess() }
                return receipt
            } catch let error as NoticeGatewayError {
                // A permanent rejection is a healthy answer.
                breaker.withLock { $0.recordSuccess() }
                throw error
            } catch let error as RegistryHTTPError {
                failure = error
            } catch {
                failure = HTTPPopulationRegistry.transportError(error)
            }
            let opened = breaker.withLock { breaker -> Bool in
                let wasRejecting = breaker.isRejecting(now: .now)
                if failure.countsAgainstHealth { breaker.recordFailure(now: .now) } else { breaker.recordNeutral() }
                return !wasRejecting && breaker.isRejecting(now: .now)
            }
            if opened { logger.warning("notice gateway circuit opened", metadata: ["gateway.failure": "\(failure.code)"]) }
            guard case .retry(let delay) = options.retry.decision(afterFailedAttempt: attempt, failure: failure), !opened else {
                logger.warning("notice gateway send failed", metadata: [
                    "notice.id": "\(message.noticeID)", "gateway.failure": "\(failure.code)", "gateway.attempts": "\(attempt)",
                ])
                if !failure.isTransient, failure.code == .clientError {
                    throw NoticeGatewayError.rejected(.rejected, "\(failure)")
                }
                throw NoticeGatewayError.unavailable("\(failure) after \(attempt) attempt(s)")
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw NoticeGatewayError.unavailable("send cancelled")
            }
            attempt += 1
        }
    }

    /// What the gateway accepted (the simulator's `GET /v1/sent`).
    public func sentMessages() async throws -> [NoticeGatewayHTTPContract.SentMessage] {
        let response = try await client.execute(HTTPClientRequest(url: sentURL), timeout: .seconds(10), logger: logger)
        let bytes = try await response.body.collect(upTo: 256 * 1024 * 1024)
        return try NoticeGatewayHTTPContract.decoder.decode(NoticeGatewayHTTPContract.SentList.self,
                                                            from: Data(bytes.readableBytesView)).messages
    }

    private func perform(_ message: NoticeMessage) async throws -> NoticeReceipt {
        if Task.isCancelled { throw RegistryHTTPError(.cancelled, "send cancelled") }
        var request = HTTPClientRequest(url: sendURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: NoticeGatewayHTTPContract.idempotencyHeader, value: message.noticeID)
        request.body = .bytes(ByteBuffer(bytes: try NoticeGatewayHTTPContract.encoder.encode(message)))
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(request, timeout: HTTPPopulationRegistry.timeAmount(options.requestTimeout), logger: logger)
            bytes = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw HTTPPopulationRegistry.transportError(error)
        }
        let data = Data(bytes.readableBytesView)
        switch response.status.code {
        case 200, 201, 202:
            do {
                return try NoticeGatewayHTTPContract.decoder.decode(NoticeReceipt.self, from: data)
            } catch {
                throw RegistryHTTPError(.malformedResponse, "the receipt is not the expected JSON")
            }
        case 422:
            let code = (try? NoticeGatewayHTTPContract.decoder.decode(NoticeGatewayHTTPContract.Rejection.self, from: data))?.error
            let failure = code.flatMap(ChannelFailure.init(rawValue:)) ?? .rejected
            throw NoticeGatewayError.rejected(failure == .temporary ? .rejected : failure, "refused on \(message.channel.rawValue)")
        default:
            throw HTTPPopulationRegistry.statusError(response.status.code, headers: response.headers)
        }
    }
}
