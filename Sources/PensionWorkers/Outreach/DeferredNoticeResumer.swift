import Foundation
import Logging
import PensionStore
import ServiceLifecycle

/// Puts tasks whose notices were deferred by quiet hours back on the work queue once the quiet hours
/// end: every `interval` it turns due `deferred` notices into outbox rows (``PensionDatabase/resumeDueNotices(now:exchange:limit:)``),
/// which the process's ``OutboxRelay`` publishes with confirms.
///
/// Several workers may run one each: the transaction that marks a notice resumed is the one that
/// enqueues it, so a notice is handed back once.
public struct DeferredNoticeResumer: Service {
    private let store: PensionDatabase
    private let topology: Topology
    private let interval: Duration
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// Creates a resumer checking every `interval`.
    public init(store: PensionDatabase, topology: Topology = Topology(), interval: Duration = .seconds(30), logger: Logger,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.topology = topology
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    /// Resumes what is due now; returns how many tasks went back to the queue.
    @discardableResult
    public func resumeDue() async throws -> Int {
        let resumed = try await store.resumeDueNotices(now: now(), exchange: topology.publishExchange(.outreach))
        if resumed > 0 { logger.info("deferred notices handed back to the queue", metadata: ["notices.resumed": "\(resumed)"]) }
        return resumed
    }

    /// Checks every `interval` until graceful shutdown or cancellation (both end it normally).
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        try await resumeDue()
                    } catch {
                        self.logger.error("could not resume deferred notices", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: self.interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
