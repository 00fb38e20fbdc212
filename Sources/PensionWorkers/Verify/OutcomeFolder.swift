import Foundation
import Logging
import Metrics
import PensionStore
import ServiceLifecycle

/// Moves the beneficiaries' state after the outcomes a verify worker records with
/// ``OutcomeFolding/deferred``: every `interval` (100 ms), and at once again while a fold took a
/// whole `batch`, it applies what is pending (``PensionDatabase/foldOutcomes(limit:at:)``). A look
/// that finds nothing pending is a read, so an idle folder never takes the write lock.
///
/// The worker's transaction, the one before each ack, then holds the single writer only for the
/// outcome rows; the state follows in bulk, in ID-number order, seconds later at most while the
/// queue is full. On graceful shutdown it runs after the worker has stopped (it is a helper of the
/// same service group) and folds everything left, so a drained fleet leaves the state current.
/// Several processes on one file may each run one: the fold's mark moves inside its transaction.
public struct OutcomeFolder: Service {
    private let store: PensionDatabase
    private let interval: Duration
    private let batch: Int
    private let failurePause = Duration.seconds(2)
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let backlogGauge = Gauge(label: "pensionpay_outcomes_unfolded")
    private let foldedCounter = Counter(label: "pensionpay_outcomes_folded_total")

    /// Creates a folder; `batch` outcome rows at most per transaction.
    public init(store: PensionDatabase, interval: Duration = .milliseconds(100), batch: Int = PensionDatabase.foldBatch, logger: Logger,
                now: @escaping @Sendable () -> Date = Date.init) {
        precondition(batch > 0, "batch must be positive")
        self.store = store
        self.interval = interval
        self.batch = batch
        self.logger = logger
        self.now = now
    }

    /// Folds until graceful shutdown or cancellation, then once more until nothing is pending.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let folded = await foldOnce()
            if folded == batch { continue }
            // A failing store (disk full, locked): look again in seconds, not in 100 ms, so the log
            // gets one warning every few seconds. Woken by graceful shutdown too, so the last fold
            // below starts at once.
            let pause = folded == nil ? failurePause : interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
        }
        // After the worker's last commit (graceful shutdown stops the worker first).
        while !Task.isCancelled, await foldOnce() == batch {}
    }

    /// One fold; returns how many outcomes it applied, or nil after an error, which is logged: the
    /// next look tries again, and nothing is lost meanwhile, the outcome rows are committed.
    @discardableResult
    public func foldOnce() async -> Int? {
        do {
            let pending = try await store.unfoldedOutcomeCount()
            backlogGauge.record(pending)
            if pending == 0 { return 0 }
            let folded = try await store.foldOutcomes(limit: batch, at: now())
            if folded > 0 { foldedCounter.increment(by: folded) }
            return folded
        } catch {
            logger.warning("folding outcomes into beneficiaries failed; trying again later", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
