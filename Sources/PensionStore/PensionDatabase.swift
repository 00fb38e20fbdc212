import Foundation
import GRDB

/// The node's SQLite database: beneficiaries, verification outcomes, audit trail, outbox and task log.
///
/// Several worker processes on one host open the same file; each holds one `PensionDatabase`.
/// All methods are synchronous and block the calling thread on SQLite I/O, so call them from a
/// dedicated thread or executor, not from Swift's cooperative pool in a hot loop.
public final class PensionDatabase: Sendable {
    /// The underlying GRDB pool (one writer, several WAL readers), for callers that need raw access.
    public let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// - WAL journal, `synchronous=FULL`: an outcome we acked must survive a machine crash.
    /// - `busyMode = .timeout(10)`: GRDB's default fails at once when another process holds the lock.
    /// - A new file is created with mode 0600: it holds personal data.
    /// - Migrations are safe when several processes open a new file at the same moment.
    ///
    /// `writerCacheKiB` sizes the writing connection's page cache (SQLite's default is 2,000 KiB).
    /// Workers keep the default, within their memory budget; a bulk writer such as the roster import
    /// gives more, so a batch's scattered index pages are read from disk once, not per row.
    ///
    /// `automaticCheckpoints: false` stops SQLite's passive checkpoint after this process's commits
    /// (`wal_autocheckpoint = 0`). A bulk writer's large commits made that copy long; it holds the
    /// checkpoint lock meanwhile, the workers' RESTART checkpoints failed on it and the WAL grew
    /// (docs/performance.md, national size). Such a writer runs a ``WALCheckpointer`` of its own.
    public init(path: String, writerCacheKiB: Int? = nil, automaticCheckpoints: Bool = true) throws {
        try DatabaseFile.createIfMissing(path: path)
        pool = try DatabasePool(path: path, configuration: Self.configuration(writerCacheKiB: writerCacheKiB,
                                                                              automaticCheckpoints: automaticCheckpoints))
        // GRDB's WAL setup runs after `prepareDatabase` and sets `synchronous=NORMAL` on the writer,
        // so FULL must be set again here, on the one connection that writes.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try Self.migrate(pool)
    }

    /// How long a connection waits for another process's lock before SQLite answers "database is locked".
    public static let busyTimeoutMilliseconds = 10_000

    /// True when `error` is SQLite's "database is locked" (another process held the lock past the
    /// busy timeout): nothing was written, and the same transaction may simply be tried again.
    public static func isLocked(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// The page cache of each pool reader connection, in KiB (SQLite's default is 2,000).
    static let readerCacheKiB = 512

    static func configuration(writerCacheKiB: Int? = nil, automaticCheckpoints: Bool = true) -> Configuration {
        var config = Configuration()
        config.label = "PensionDatabase"
        // Pool readers already get a 10 s busy timeout from GRDB; the writer needs it set.
        config.busyMode = .timeout(Double(busyTimeoutMilliseconds) / 1000)
        config.foreignKeysEnabled = true
        // Explicit, although it is GRDB's default: bound values hold ID numbers, names, accounts.
        config.publicStatementArguments = false
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // After a restart of the log (see checkpointWAL()), the -wal file is cut back to this.
            try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimit)")
            if !db.configuration.readonly, let writerCacheKiB {
                try db.execute(sql: "PRAGMA cache_size = -\(writerCacheKiB)")
            }
            if !db.configuration.readonly, !automaticCheckpoints {
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            }
            if db.configuration.readonly {
                // Pool readers look up scattered rows (task ids, beneficiaries of a batch) in a file far
                // larger than any cache, or scan it once (reports): SQLite's default 2 MiB per reader
                // buys them little and counts against a worker's memory budget.
                try db.execute(sql: "PRAGMA cache_size = -\(Self.readerCacheKiB)")
            }
        }
        return config
    }

    /// Runs the migrator, absorbing the race between processes that open a new file together.
    ///
    /// `DatabaseMigrator` reads the list of applied migrations outside its write transaction, so two
    /// processes may both decide to apply "v1"; the loser's transaction fails ("table already exists")
    /// and rolls back whole. Running the migrator again then sees the winner's work and does nothing.
    static func migrate(_ writer: any DatabaseWriter, migrator: DatabaseMigrator = schemaMigrator, attempts: Int = 5) throws {
        for _ in 1..<max(attempts, 1) {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                // Probably lost the race to another migrator: its transaction has committed by now
                // (we waited for its lock), so the next pass finds the migration applied.
                continue
            }
        }
        // Last attempt: let a persistent failure surface with GRDB's own (argument-free) message.
        try migrator.migrate(writer)
    }
}
