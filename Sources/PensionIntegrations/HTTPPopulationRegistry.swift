import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PensionDomain
import Synchronization

/// The population registry reached over HTTP (``RegistryHTTPContract``), through one pooled
/// AsyncHTTPClient with per-attempt deadlines, jittered retries and a circuit breaker.
///
/// Every failure surfaces as `RegistryUnavailable` — a transient error: the worker retries the task
/// later and records no outcome. Call ``shutdown()`` once when done (AsyncHTTPClient requires it).
public final class HTTPPopulationRegistry: PopulationRegistry {
    private let client: HTTPClient
    private let options: HTTPRegistryOptions
    private let lookupURL: String
    private let authorization: String?
    private let logger: Logger
    private let breaker: Mutex<CircuitBreaker>

    /// Creates the client and its connection pool.
    ///
    /// - Throws: ``RegistryConfigurationError`` for a malformed URL or unreadable TLS files.
    public init(options: HTTPRegistryOptions, logger: Logger) throws(RegistryConfigurationError) {
        var base = options.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host != nil
        else {
            throw RegistryConfigurationError("the registry URL must be http(s)://host[:port]")
        }
        if options.tls != nil, scheme != "https" {
            throw RegistryConfigurationError("TLS options need an https registry URL")
        }
        if let key = options.apiKey, key.isEmpty || key.contains(where: { $0.isNewline || $0.isWhitespace }) {
            throw RegistryConfigurationError("the API key is empty or contains white space")
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try options.tls?.makeTLSConfiguration(),
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: Self.timeAmount(options.connectTimeout), read: Self.timeAmount(options.requestTimeout)),
            connectionPool: .init(
                idleTimeout: Self.timeAmount(options.idleConnectionTimeout),
                concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, options.maxConnections)),
            decompression: .disabled)
        // Our own retry loop (with the breaker) decides about reconnecting; AsyncHTTPClient would
        // otherwise keep retrying a refused connection until the request deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.options = options
        self.lookupURL = base + RegistryHTTPContract.lookupPath
        self.authorization = options.apiKey.map { "Bearer \($0)" }
        self.logger = logger
        self.breaker = Mutex(CircuitBreaker(configuration: options.circuitBreaker))
    }

    /// Closes pooled connections; call once, after the last lookup.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// The breaker's current state (for health endpoints, metrics and tests).
    public var circuitState: CircuitBreaker.State {
        breaker.withLock { $0.state }
    }

    /// Looks the IDs up, in requests of at most ``HTTPRegistryOptions/batchSize`` IDs.
    ///
    /// - Throws: `RegistryUnavailable` when any request fails after its retries, or at once, without a
    ///   network call, while the circuit breaker is open.
    public func lookup(_ ids: [NationalID]) async throws -> [NationalID: RegistryRecord] {
        var seen = Set<NationalID>()
        let unique = ids.filter { seen.insert($0).inserted }
        if unique.isEmpty { return [:] }
        let size = min(max(1, options.batchSize), RegistryHTTPContract.maxIDsPerRequest)
        let batches = stride(from: 0, to: unique.count, by: size).map { Array(unique[$0..<min($0 + size, unique.count)]) }
        if batches.count == 1 { return try await lookupBatch(batches[0]) }

        return try await withThrowingTaskGroup(of: [NationalID: RegistryRecord].self) { group in
            var merged: [NationalID: RegistryRecord] = [:]
            var next = 0
            let width = max(1, options.maxConcurrentBatches)
            while next < min(width, batches.count) {
                let batch = batches[next]
                group.addTask { try await self.lookupBatch(batch) }
                next += 1
            }
            while let found = try await group.next() {
                merged.merge(found) { first, _ in first }
                if next < batches.count {
                    let batch = batches[next]
                    group.addTask { try await self.lookupBatch(batch) }
                    next += 1
                }
            }
            return merged
        }
    }

    /// One request with its retries, guarded by the breaker.
    private func lookupBatch(_ ids: [NationalID]) async throws(RegistryUnavailable) -> [NationalID: RegistryRecord] {
        var attempt = 1
        while true {
            let admission = breaker.withLock { $0.admit(now: .now) }
            guard admission != .rejected else {
                logger.debug("registry circuit open; lookup rejected", metadata: ["registry.batch.size": "\(ids.count)"])
                throw RegistryUnavailable("circuit breaker open after repeated failures")
            }
            let failure: RegistryHTTPError
            do {
                let found = try await perform(ids)
                breaker.withLock { $0.recordSuccess() }
                if admission == .probe { logger.info("registry circuit closed after a successful probe") }
                return found
            } catch {
                failure = error
            }
            let opened = breaker.withLock { breaker -> Bool in
                let wasRejecting = breaker.isRejecting(now: .now)
                if failure.countsAgainstHealth {
                    breaker.recordFailure(now: .now)
                } else {
                    breaker.recordNeutral()
                }
                return !wasRejecting && breaker.isRejecting(now: .now)
            }
            if opened {
                logger.warning("registry circuit opened", metadata: ["registry.failure": "\(failure.code)"])
            }
            let decision = options.retry.decision(afterFailedAttempt: attempt, failure: failure)
            guard case .retry(let delay) = decision, !opened else {
                logger.warning("registry lookup failed", metadata: [
                    "registry.failure": "\(failure.code)", "registry.attempts": "\(attempt)",
                    "registry.batch.size": "\(ids.count)",
                ])
                throw RegistryUnavailable("\(failure) after \(attempt) attempt(s)")
            }
            logger.debug("registry lookup retrying", metadata: [
                "registry.failure": "\(failure.code)", "registry.attempt": "\(attempt)",
                "registry.retry.delay_ms": "\(RegistryRetryPolicy.nanoseconds(delay) / 1_000_000)",
            ])
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw RegistryUnavailable("lookup cancelled")
            }
            attempt += 1
        }
    }

    /// One HTTP attempt: send, check the status, decode strictly.
    private func perform(_ ids: [NationalID]) async throws(RegistryHTTPError) -> [NationalID: RegistryRecord] {
        if Task.isCancelled { throw RegistryHTTPError(.cancelled, "lookup cancelled") }
        var request = HTTPClientRequest(url: lookupURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        let body: Data
        do {
            body = try JSONEncoder().encode(RegistryHTTPContract.LookupRequest(nationalIDs: ids.map(\.digits)))
        } catch {
            throw RegistryHTTPError(.clientError, "cannot encode the request")
        }
        request.body = .bytes(ByteBuffer(bytes: body))

        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(request, timeout: Self.timeAmount(options.requestTimeout), logger: logger)
            guard response.status == .ok else {
                throw Self.statusError(response.status.code, headers: response.headers)
            }
            bytes = try await response.body.collect(upTo: options.maxResponseBytes)
        } catch let error as RegistryHTTPError {
            throw error
        } catch {
            throw Self.transportError(error)
        }
        return try Self.decode(Data(bytes.readableBytesView), requested: ids)
    }

    /// Decodes a `200` body strictly: every entry valid, each a requested ID, none repeated.
    static func decode(_ data: Data, requested: [NationalID]) throws(RegistryHTTPError) -> [NationalID: RegistryRecord] {
        let body: RegistryHTTPContract.LookupResponse
        do {
            body = try JSONDecoder().decode(RegistryHTTPContract.LookupResponse.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw RegistryHTTPError(.malformedResponse, "missing \(key.stringValue) at \(path(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw RegistryHTTPError(.malformedResponse, "wrong type at \(path(context))")
        } catch {
            throw RegistryHTTPError(.malformedResponse, "the body is not the expected JSON")
        }
        let wanted = Set(requested)
        var records: [NationalID: RegistryRecord] = [:]
        records.reserveCapacity(body.people.count)
        for (index, person) in body.people.enumerated() {
            let record: RegistryRecord
            do {
                record = try person.record()
            } catch {
                throw RegistryHTTPError(.malformedResponse, "people[\(index)]: \(error.message)")
            }
            guard wanted.contains(record.nationalID) else {
                throw RegistryHTTPError(.malformedResponse, "people[\(index)]: an ID that was not requested")
            }
            guard records.updateValue(record, forKey: record.nationalID) == nil else {
                throw RegistryHTTPError(.malformedResponse, "people[\(index)]: an ID listed twice")
            }
        }
        return records
    }

    /// The coding path as keys and indices only (no values).
    private static func path(_ context: DecodingError.Context) -> String {
        let parts = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
        return parts.isEmpty ? "the top level" : parts.joined(separator: ".")
    }

    static func statusError(_ status: UInt, headers: HTTPHeaders) -> RegistryHTTPError {
        let code = Int(status)
        let retryAfter = headers.first(name: "Retry-After").flatMap(parseRetryAfter)
        switch code {
        case 429: return RegistryHTTPError(.throttled, "throttled", status: code, retryAfter: retryAfter)
        case 401, 403: return RegistryHTTPError(.unauthorized, "API key or client certificate refused", status: code)
        case 500...599: return RegistryHTTPError(.serverError, "server error", status: code, retryAfter: retryAfter)
        default: return RegistryHTTPError(.clientError, "unexpected answer", status: code)
        }
    }

    /// `Retry-After` as delay-seconds (the contract's form); an HTTP date or garbage is ignored.
    static func parseRetryAfter(_ raw: String) -> Duration? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 9, let seconds = Int(trimmed), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }

    static func transportError(_ error: any Error) -> RegistryHTTPError {
        if error is CancellationError { return RegistryHTTPError(.cancelled, "lookup cancelled") }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return RegistryHTTPError(.timeout, "no answer within the request timeout")
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return RegistryHTTPError(.timeout, "no connection within the connect timeout")
            case .cancelled:
                return RegistryHTTPError(.cancelled, "lookup cancelled")
            case .remoteConnectionClosed:
                return RegistryHTTPError(.connectionFailed, "the server closed the connection")
            default:
                return RegistryHTTPError(.connectionFailed, "HTTP client error \(error.shortDescription)")
            }
        }
        if error is NIOTooManyBytesError {
            return RegistryHTTPError(.malformedResponse, "the response body is too large")
        }
        return RegistryHTTPError(.connectionFailed, "transport error \(String(describing: type(of: error)))")
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(RegistryRetryPolicy.nanoseconds(duration))
    }
}
