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

    /// The log size, in pages, past which a committing connection checkpoints by itself
    /// (`wal_autocheckpoint`; SQLite's default is 1,000). Raised so that in worker processes, whose
    /// ``WALBackfill`` checkpoints in the background, the commits seldom do; processes without one
    /// (`import`, `review`) still keep the log bounded at about 40 MiB between checkpoints.
    public static let automaticCheckpointPages = 10_000

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
    public func checkpointWAL() throws -> WALCheckpoint {
        try pool.writeWithoutTransaction { db in
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(RESTART)")
            return WALCheckpoint(completed: (row?[0] as Int?) == 0, frames: row?[1] ?? 0, checkpointed: row?[2] ?? 0)
        }
    }
}

extension PensionDatabase {
    /// Opens a second connection of this process to the database, for ``WALBackfill/run()`` only.
    public func openWALBackfill() throws -> WALBackfill {
        WALBackfill(queue: try DatabaseQueue(path: pool.path, configuration: Self.configuration()))
    }
}

/// Copies committed WAL frames back into the database file from a connection of its own
/// (`PRAGMA wal_checkpoint(PASSIVE)`), so that the writer does not do it inside its commits.
///
/// Why: SQLite's automatic checkpoint runs in the committing connection, right after the commit
/// that took the log past `wal_autocheckpoint` pages. A verify batch of 500 writes about 900 pages
/// (≈ 3.7 MB of log, from the worker's write counters), so with the default of 1,000 nearly every
/// commit was followed by a checkpoint of the whole log — a database-file fsync and each page
/// written twice — while the worker's deliveries waited. A
/// passive checkpoint never waits for readers or the writer; once it has copied the whole log, the
/// next write transaction starts the log from its beginning again, so the writer's own (fallback)
/// checkpoint at ``PensionDatabase/automaticCheckpointPages`` seldom runs.
public final class WALBackfill: Sendable {
    private let queue: DatabaseQueue

    init(queue: DatabaseQueue) {
        self.queue = queue
    }

    /// One passive checkpoint. `lockBusy` when another connection was checkpointing.
    public func run() throws -> WALCheckpoint {
        try queue.inDatabase { db in
            // SQLITE_BUSY (another checkpointer) comes back as an error, not as a result row.
            do {
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
                return WALCheckpoint(completed: (row?[0] as Int?) == 0 && (row?[1] as Int?) == (row?[2] as Int?),
                                     frames: row?[1] ?? 0, checkpointed: row?[2] ?? 0)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return WALCheckpoint(completed: false, frames: -1, checkpointed: 0)
            }
        }
    }

    /// See ``run()``: on the store's own threads.
    public func run() async throws -> WALCheckpoint {
        try await StoreExecutor.run { try self.run() }
    }

    /// Closes the connection.
    public func close() throws {
        try queue.close()
    }
}

extension PensionDatabase {
    /// See ``checkpointWAL()``: on the store's own threads, since it may wait for readers.
    public func checkpointWAL() async throws -> WALCheckpoint {
        try await StoreExecutor.run { try self.checkpointWAL() }
    }
}
