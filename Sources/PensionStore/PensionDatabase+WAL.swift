import Foundation
import GRDB

/// What a ``PensionDatabase/checkpointWAL()`` did.
public struct WALCheckpoint: Sendable, Equatable {
    /// False when a reader or writer held on past the busy timeout; the WAL could not be restarted.
    public var completed: Bool
    /// Frames in the WAL before the checkpoint.
    public var frames: Int
    /// Frames copied back into the database file.
    public var checkpointed: Int

    /// Another connection was checkpointing: SQLite refused at once, before looking at the log
    /// (it reports -1 frames then).
    public var lockBusy: Bool { !completed && frames < 0 }
}

extension PensionDatabase {
    /// The largest WAL file SQLite leaves behind once the log restarts (`journal_size_limit`).
    public static let walSizeLimit = 64 * 1_048_576

    /// Size of the `-wal` file in bytes (0 when there is none).
    public func walFileSize() -> Int {
        (try? FileManager.default.attributesOfItem(atPath: pool.path + "-wal")[.size] as? Int) ?? 0
    }

    /// Copies the WAL back into the database and makes the next writer start the log from its
    /// beginning (`PRAGMA wal_checkpoint(RESTART)`).
    ///
    /// Why: SQLite's automatic checkpoint is passive and the log restarts only when no reader is
    /// using it. Several processes reading and writing without pause (workers, relays, a poller)
    /// always leave some reader behind, and the WAL then grows without bound — 35 GB within 20
    /// minutes of the national-size run. RESTART waits (on the busy handler) for the readers of the
    /// moment to finish and holds this connection's write lock meanwhile.
    ///
    /// It runs as a series of short attempts, each waiting at most
    /// ``checkpointAttemptMilliseconds`` for a lock, until one completes, another connection holds
    /// the checkpoint lock, or ``busyTimeoutMilliseconds`` have passed. One attempt with the whole
    /// 10 s wait stalled: while readers took turns without a pause, it kept waiting for the read
    /// slot of a snapshot one commit old, the readers kept settling on that slot, and after 10 s it
    /// gave up with the last commit's frames not copied (`WALCheckpointTests` failed so in about
    /// one run of three; a plain Python `sqlite3` reproduction stalled 2 of 2 times). A second
    /// attempt looks at the slots afresh and completes: in the reproduction, 200 ms attempts
    /// completed on the second, 3 of 3 times. Short attempts also keep other processes' writers
    /// out for 200 ms at a time instead of up to 10 s. (A single 2 s attempt, tried in sitting 8,
    /// gave up in the same way; it was not retried.)
    public func checkpointWAL() throws -> WALCheckpoint {
        let deadline = ContinuousClock.now + .milliseconds(Self.busyTimeoutMilliseconds)
        var result: WALCheckpoint
        repeat {
            result = try restartOnce()
        } while !result.completed && !result.lockBusy && ContinuousClock.now < deadline
        return result
    }

    /// How long one RESTART attempt of ``checkpointWAL()`` waits for a lock.
    public static let checkpointAttemptMilliseconds = 200

    private func restartOnce() throws -> WALCheckpoint {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = \(Self.checkpointAttemptMilliseconds)")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)") }
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(RESTART)")
            return WALCheckpoint(completed: (row?[0] as Int?) == 0, frames: row?[1] ?? 0, checkpointed: row?[2] ?? 0)
        }
    }
}

extension PensionDatabase {
    /// See ``checkpointWAL()``: on the store's own threads, since it may wait for readers.
    public func checkpointWAL() async throws -> WALCheckpoint {
        try await StoreExecutor.run { try self.checkpointWAL() }
    }
}
