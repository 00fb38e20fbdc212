import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PensionDomain
import Synchronization

/// The bank account-name inquiry reached over HTTP (``BankInquiryHTTPContract``): one pooled
/// AsyncHTTPClient, per-attempt deadlines, bounded jittered retries (``RegistryRetryPolicy``) and a
/// ``CircuitBreaker`` — the same discipline as ``HTTPPopulationRegistry``.
///
/// Every failure surfaces as `BankInquiryUnavailable`: the worker retries the task later and records
/// nothing. Call ``shutdown()`` once when done.
public final class HTTPBankNameInquiry: BankNameInquiry {
    private let client: HTTPClient
    private let options: HTTPBankInquiryOptions
    private let inquireURL: String
    private let authorization: String?
    private let logger: Logger
    private let breaker: Mutex<CircuitBreaker>

    /// Creates the client and its connection pool.
    ///
    /// - Throws: ``RegistryConfigurationError`` for a malformed URL, key or TLS files.
    public init(options: HTTPBankInquiryOptions, logger: Logger) throws(RegistryConfigurationError) {
        var base = options.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host != nil
        else {
            throw RegistryConfigurationError("the bank inquiry URL must be http(s)://host[:port]")
        }
        if options.tls != nil, scheme != "https" {
            throw RegistryConfigurationError("TLS options need an https bank inquiry URL")
        }
        if let key = options.apiKey, key.isEmpty || key.contains(where: { $0.isNewline || $0.isWhitespace }) {
            throw RegistryConfigurationError("the API key is empty or contains white space")
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try options.tls?.makeTLSConfiguration(),
            redirectConfiguration: .disallow,
            timeout: .init(connect: HTTPPopulationRegistry.timeAmount(options.connectTimeout),
                           read: HTTPPopulationRegistry.timeAmount(options.requestTimeout)),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, options.maxConnections)),
            decompression: .disabled)
        // Our retry loop (with the breaker) decides about reconnecting.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.options = options
        self.inquireURL = base + BankInquiryHTTPContract.inquirePath
        self.authorization = options.apiKey.map { "Bearer \($0)" }
        self.logger = logger
        self.breaker = Mutex(CircuitBreaker(configuration: options.circuitBreaker))
    }

    /// Closes pooled connections; call once, after the last inquiry.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// The breaker's current state.
    public var circuitState: CircuitBreaker.State {
        breaker.withLock { $0.state }
    }

    /// Asks about the accounts, in sequential requests of at most ``HTTPBankInquiryOptions/batchSize``.
    ///
    /// - Throws: `BankInquiryUnavailable` when a request fails after its retries, or at once while the
    ///   breaker is open.
    public func inquire(_ accounts: [BankAccountKey]) async throws -> [BankAccountKey: BankNameInquiryResult] {
        var seen = Set<BankAccountKey>()
        let unique = accounts.filter { seen.insert($0).inserted }
        let size = min(max(1, options.batchSize), BankInquiryHTTPContract.maxAccountsPerRequest)
        var merged: [BankAccountKey: BankNameInquiryResult] = [:]
        for start in stride(from: 0, to: unique.count, by: size) {
            let part = try await inquireBatch(Array(unique[start..<min(start + size, unique.count)]))
            merged.merge(part) { first, _ in first }
        }
        return merged
    }

    private func inquireBatch(_ accounts: [BankAccountKey]) async throws(BankInquiryUnavailable) -> [BankAccountKey: BankNameInquiryResult] {
        var attempt = 1
        while true {
            let admission = breaker.withLock { $0.admit(now: .now) }
            guard admission != .rejected else {
                throw BankInquiryUnavailable("circuit breaker open after repeated failures")
            }
            let failure: RegistryHTTPError
            do {
                let found = try await perform(accounts)
                breaker.withLock { $0.recordSuccess() }
                if admission == .probe { logger.info("bank inquiry circuit closed after a successful probe") }
                return found
            } catch {
                failure = error
            }
            let opened = breaker.withLock { breaker -> Bool in
                let wasRejecting = breaker.isRejecting(now: .now)
                if failure.countsAgainstHealth { breaker.recordFailure(now: .now) } else { breaker.recordNeutral() }
                return !wasRejecting && breaker.isRejecting(now: .now)
            }
            if opened {
                logger.warning("bank inquiry circuit opened", metadata: ["bank.failure": "\(failure.code)"])
            }
            guard case .retry(let delay) = options.retry.decision(afterFailedAttempt: attempt, failure: failure), !opened else {
                logger.warning("bank inquiry failed", metadata: [
                    "bank.failure": "\(failure.code)", "bank.attempts": "\(attempt)", "bank.batch.size": "\(accounts.count)",
                ])
                throw BankInquiryUnavailable("\(failure) after \(attempt) attempt(s)")
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw BankInquiryUnavailable("inquiry cancelled")
            }
            attempt += 1
        }
    }

    private func perform(_ accounts: [BankAccountKey]) async throws(RegistryHTTPError) -> [BankAccountKey: BankNameInquiryResult] {
        if Task.isCancelled { throw RegistryHTTPError(.cancelled, "inquiry cancelled") }
        var request = HTTPClientRequest(url: inquireURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        let body: Data
        do {
            body = try JSONEncoder().encode(BankInquiryHTTPContract.InquireRequest(
                accounts: accounts.map { .init(bankBIN: $0.bankBIN, bankAccount: $0.bankAccount) }))
        } catch {
            throw RegistryHTTPError(.clientError, "cannot encode the request")
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let bytes: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: HTTPPopulationRegistry.timeAmount(options.requestTimeout), logger: logger)
            guard response.status == .ok else {
                throw HTTPPopulationRegistry.statusError(response.status.code, headers: response.headers)
            }
            bytes = try await response.body.collect(upTo: options.maxResponseBytes)
        } catch let error as RegistryHTTPError {
            throw error
        } catch {
            throw HTTPPopulationRegistry.transportError(error)
        }
        return try Self.decode(Data(bytes.readableBytesView), requested: accounts)
    }

    /// Decodes a `200` body strictly: one valid result for every requested account, nothing else.
    static func decode(_ data: Data, requested: [BankAccountKey]) throws(RegistryHTTPError) -> [BankAccountKey: BankNameInquiryResult] {
        let body: BankInquiryHTTPContract.InquireResponse
        do {
            body = try JSONDecoder().decode(BankInquiryHTTPContract.InquireResponse.self, from: data)
        } catch {
            throw RegistryHTTPError(.malformedResponse, "the body is not the expected JSON")
        }
        let wanted = Set(requested)
        var results: [BankAccountKey: BankNameInquiryResult] = [:]
        for (index, entry) in body.results.enumerated() {
            let key = BankAccountKey(bankBIN: entry.bankBIN, bankAccount: entry.bankAccount)
            guard wanted.contains(key) else {
                throw RegistryHTTPError(.malformedResponse, "results[\(index)]: an account that was not requested")
            }
            let result: BankNameInquiryResult
            switch entry.status {
            case "found":
                guard let name = entry.holderName, !PersonName.unaccentedKey(name).isEmpty else {
                    throw RegistryHTTPError(.malformedResponse, "results[\(index)]: found without a holder_name")
                }
                result = .holder(name: name)
            case "not_found":
                result = .accountNotFound
            default:
                throw RegistryHTTPError(.malformedResponse, "results[\(index)]: unknown status")
            }
            guard results.updateValue(result, forKey: key) == nil else {
                throw RegistryHTTPError(.malformedResponse, "results[\(index)]: an account listed twice")
            }
        }
        guard results.count == wanted.count else {
            throw RegistryHTTPError(.malformedResponse, "\(wanted.count - results.count) requested account(s) missing from results")
        }
        return results
    }
}
