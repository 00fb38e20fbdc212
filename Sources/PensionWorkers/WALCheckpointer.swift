import Logging
import Metrics
import PensionStore
import ServiceLifecycle

/// Keeps the database's WAL file bounded while worker processes read and write it without pause.
///
/// Every `interval` (2 s) it looks at the size of the `-wal` file; past `threshold` it runs a RESTART
/// checkpoint (``PensionDatabase/checkpointWAL()``), so the next commit starts the log from its
/// beginning and SQLite cuts the file back to ``PensionDatabase/walSizeLimit``. One per worker
/// process: several on one file only means the first to see a large log restarts it.
public struct WALCheckpointer: Service {
    private let store: PensionDatabase
    private let interval: Duration
    private let threshold: Int
    private let lockAttempts = 40
    private let logger: Logger
    private let walGauge = Gauge(label: "pensionpay_database_wal_bytes")

    /// Creates a checkpointer; `threshold` is in bytes (default: 256 MiB).
    public init(store: PensionDatabase, interval: Duration = .seconds(2), threshold: Int = 256 * 1_048_576, logger: Logger) {
        self.store = store
        self.interval = interval
        self.threshold = threshold
        self.logger = logger
    }

    /// Checks and checkpoints until graceful shutdown or cancellation.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await checkOnce()
            try? await Task.sleep(for: interval)
        }
    }

    /// One look at the WAL; a checkpoint if it is past the threshold. Returns what the checkpoint did, if one ran.
    @discardableResult
    public func checkOnce() async -> WALCheckpoint? {
        let size = store.walFileSize()
        walGauge.record(size)
        guard size > threshold else { return nil }
        do {
            // Another process's automatic checkpoint holds the checkpoint lock for a moment after
            // most commits, and SQLite answers BUSY at once then (no busy handler for that lock):
            // try again in the gaps, a few dozen times, before giving up until the next look.
            var result = try await store.checkpointWAL()
            for _ in 1..<lockAttempts where result.lockBusy {
                try? await Task.sleep(for: .milliseconds(50))
                result = try await store.checkpointWAL()
            }
            let after = store.walFileSize()
            walGauge.record(after)
            if result.completed {
                logger.info("WAL restarted", metadata: ["wal.bytes_before": "\(size)", "wal.bytes_after": "\(after)", "wal.frames": "\(result.frames)"])
            } else if result.lockBusy {
                logger.warning("WAL checkpoint could not get the checkpoint lock (other processes kept checkpointing); trying again later",
                               metadata: ["wal.bytes": "\(size)"])
            } else {
                logger.warning("WAL checkpoint could not restart the log (a reader held on); trying again later",
                               metadata: ["wal.bytes": "\(size)", "wal.frames": "\(result.frames)", "wal.checkpointed": "\(result.checkpointed)"])
            }
            return result
        } catch {
            logger.warning("WAL checkpoint failed; trying again later", metadata: ["error": "\(error)", "wal.bytes": "\(size)"])
            return nil
        }
    }
}
