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
    /// moment to finish; readers that begin meanwhile read the database file, so it completes as soon
    /// as the current reads end. It holds this process's write lock while it waits.
    ///
    /// It also keeps every other process's writers out while it waits (up to the 10 s busy
    /// timeout), and they wait for it just as long: a writer of another process may then fail with
    /// "database is locked". Workers redo such a batch; the importers try it again
    /// (`LockedStoreRetry`). A shorter wait here (2 s, tried in sitting 8) let RESTART give up
    /// while readers kept reading, and the log was not restarted.
    public func checkpointWAL() throws -> WALCheckpoint {
        try pool.writeWithoutTransaction { db in
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
