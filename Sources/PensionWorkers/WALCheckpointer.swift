import Logging
import Metrics
import PensionStore
import ServiceLifecycle

/// Keeps the database's WAL file bounded while worker processes read and write it without pause,
/// and copies the log back into the database outside the worker's commits.
///
/// - Every `backfillInterval` (250 ms) a passive checkpoint on a connection of its own
///   (``WALBackfill``), so the committing connection seldom has to checkpoint by itself.
/// - Every `interval` (2 s) it looks at the size of the `-wal` file; past `threshold` it runs a
///   RESTART checkpoint (``PensionDatabase/checkpointWAL()``), so the next commit starts the log from
///   its beginning and SQLite cuts the file back to ``PensionDatabase/walSizeLimit``.
///
/// One per worker process: several on one file only means the first to get the checkpoint lock
/// does the work.
public struct WALCheckpointer: Service {
    private let store: PensionDatabase
    private let interval: Duration
    private let backfillInterval: Duration?
    private let threshold: Int
    private let lockAttempts = 40
    private let logger: Logger
    private let walGauge = Gauge(label: "pensionpay_database_wal_bytes")

    /// Creates a checkpointer; `threshold` is in bytes (default: 256 MiB); `backfillInterval` nil
    /// leaves copying the log back to SQLite's automatic checkpoint.
    public init(store: PensionDatabase, interval: Duration = .seconds(2), threshold: Int = 256 * 1_048_576,
                backfillInterval: Duration? = .milliseconds(250), logger: Logger) {
        self.store = store
        self.interval = interval
        self.backfillInterval = backfillInterval
        self.threshold = threshold
        self.logger = logger
    }

    /// Checks and checkpoints until graceful shutdown or cancellation.
    public func run() async throws {
        var backfill: WALBackfill?
        if backfillInterval != nil {
            do {
                backfill = try store.openWALBackfill()
            } catch {
                logger.warning("cannot open the WAL backfill connection; commits will checkpoint by themselves", metadata: ["error": "\(error)"])
            }
        }
        defer { try? backfill?.close() }
        var failing = false
        var lastLook: ContinuousClock.Instant?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let backfill {
                do {
                    _ = try await backfill.run()
                    failing = false
                } catch {
                    // Not urgent (the writer's own checkpoint takes over), but say so once per spell.
                    if !failing {
                        logger.warning("WAL backfill failed; trying again", metadata: ["error": "\(error)"])
                    }
                    failing = true
                }
            }
            if lastLook.map({ ContinuousClock.now - $0 >= interval }) ?? true {
                await checkOnce()
                lastLook = ContinuousClock.now
            }
            try? await Task.sleep(for: backfill == nil ? interval : backfillInterval ?? interval)
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
