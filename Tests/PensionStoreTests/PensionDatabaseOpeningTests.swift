import Foundation
import GRDB
import Synchronization
import Testing
@testable import PensionStore

@Suite struct PensionDatabaseOpeningTests {
    @Test func newFileIsOwnerOnlyIncludingWALAndSHM() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("node.sqlite")
        let db = try PensionDatabase(path: path)
        _ = try db.upsertBeneficiaries([Fixtures.beneficiary(1)], at: Fixtures.now)
        for file in [path, path + "-wal", path + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "\(file) has mode \(String(mode ?? 0, radix: 8))")
        }
        // The temporary file used to create the database is gone.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
            .filter { $0.contains(".creating-") }
        #expect(leftovers.isEmpty)
    }

    /// A new file is WAL before any opener sees it: header bytes 18 and 19 (file format versions) are 2.
    @Test func newFileIsBornInWALMode() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("node.sqlite")
        try DatabaseFile.createIfMissing(path: path)
        let header = try #require(FileManager.default.contents(atPath: path))
        #expect(header.count >= 100)
        #expect(Array(header.prefix(16)) == Array("SQLite format 3\0".utf8))
        #expect(header.count >= 20 && header[18] == 2 && header[19] == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["node.sqlite"])
    }

    @Test func writerIsWALWithFullSyncAndBusyTimeout() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        let (journal, synchronous, foreignKeys, busyTimeout) = try db.pool.write { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
            )
        }
        #expect(journal == "wal")
        #expect(synchronous == 2) // FULL; GRDB's WAL setup would leave NORMAL (1)
        #expect(foreignKeys == true)
        #expect(busyTimeout == 10_000)
    }

    /// Pool readers get a small page cache; the writer keeps SQLite's default (2,000 KiB) unless
    /// a bulk writer, such as the roster import, asks for more.
    @Test(arguments: [(nil, -2000), (32_768, -32_768)] as [(Int?, Int)])
    func readersGetASmallPageCacheAndTheWriterWhatItAsks(writerCacheKiB: Int?, expectedWriterCache: Int) throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"), writerCacheKiB: writerCacheKiB)
        let writerCache = try db.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        let readerCache = try db.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        #expect(writerCache == expectedWriterCache)
        #expect(readerCache == -PensionDatabase.readerCacheKiB)
    }

    /// A bulk writer may turn off SQLite's passive checkpoint after its commits; others keep it.
    @Test func aBulkWriterMayLeaveCheckpointsToItsCheckpointer() throws {
        let dir = try TemporaryDirectory()
        let bulk = try PensionDatabase(path: dir.path("node.sqlite"), automaticCheckpoints: false)
        let worker = try PensionDatabase(path: dir.path("node.sqlite"))
        #expect(try bulk.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") } == 0)
        #expect(try worker.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") } == 1000)
    }

    @Test func reopeningKeepsDataAndMigratesOnce() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("node.sqlite")
        _ = try PensionDatabase(path: path).upsertBeneficiaries([Fixtures.beneficiary(1)], at: Fixtures.now)
        let reopened = try PensionDatabase(path: path)
        #expect(try reopened.beneficiary(nationalID: Fixtures.nationalID(1)) != nil)
        let migrations = try reopened.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == PensionDatabase.schemaMigrator.migrations)   // every registered migration, once
    }

    /// Several openers of one brand-new file at the same instant (as several worker processes do at
    /// first start): every one must succeed and the schema must be created exactly once.
    @Test(arguments: 0..<40)
    func concurrentOpenersOfANewFileAllSucceed(round: Int) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("race-\(round).sqlite")
        let failures = Mutex<[String]>([])
        let openers = 6
        DispatchQueue.concurrentPerform(iterations: openers) { _ in
            do {
                let db = try PensionDatabase(path: path)
                _ = try db.progressReport()
            } catch {
                failures.withLock { $0.append(String(describing: error)) }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let db = try PensionDatabase(path: path)
        let migrations = try db.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == PensionDatabase.schemaMigrator.migrations)   // every registered migration, once
    }

    /// The retry path on its own: a first attempt that fails and rolls back (as the loser of the
    /// race does) is followed by one that applies the migration.
    @Test func migratorRetryAbsorbsAFailedFirstAttempt() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("node.sqlite")
        var migrator = DatabaseMigrator()
        let attempts = Mutex(0)
        migrator.registerMigration("v1") { db in
            let attempt = attempts.withLock { value -> Int in value += 1; return value }
            if attempt == 1 {
                throw StoreError(.migration, "simulated lost race")
            }
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY)")
        }
        let pool = try DatabasePool(path: path, configuration: PensionDatabase.configuration())
        try PensionDatabase.migrate(pool, migrator: migrator)
        #expect(attempts.withLock { $0 } == 2)
        #expect(try pool.read { try $0.tableExists("t") })
    }

    /// v6 rebuilds `verifications` without the unique index on `task_id`: a file written at v5
    /// keeps every outcome (v7 then replaces the by-beneficiary index with the unique one).
    @Test func version6KeepsTheOutcomesOfAVersion5File() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("node.sqlite")
        try Self.writeFile(path, atVersion: "v5-progress-index") { db in
            for i in 0..<3 {
                try db.execute(sql: """
                    INSERT INTO verifications VALUES (?, '079000000001', '2026-0\(i + 1)', 'mismatch', 'sex', '["w"]', 'd', ?, 'w1', ?)
                    """, arguments: ["task-\(i)", i, "2026-0\(i + 1)-01T00:00:00Z"])
            }
        }
        let upgraded = try PensionDatabase(path: path)
        let rows = try upgraded.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT task_id, period, outcome, mismatch_fields, warnings, detail, attempt, worker FROM verifications ORDER BY rowid")
        }
        #expect(rows.map { $0["task_id"] as String } == ["task-0", "task-1", "task-2"])
        #expect(rows.map { $0["attempt"] as Int } == [0, 1, 2])
        #expect(rows.allSatisfy { ($0["mismatch_fields"] as String?) == "sex" && ($0["warnings"] as String?) == #"["w"]"# && ($0["worker"] as String?) == "w1" })
        let indexes = try upgraded.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'verifications'")
        }
        #expect(indexes == ["verifications_once"], "only the by-beneficiary index is left")
        // The constraints came along.
        #expect(throws: DatabaseError.self) {
            try upgraded.pool.write { try $0.execute(sql: "INSERT INTO verifications VALUES ('t', '079000000001', '2026-01', 'ok', NULL, NULL, NULL, 1, NULL, 'x')") }
        }
    }

    /// v7 moves the once-per-task check of verify tasks from `task_log` to `verifications`: an
    /// outcome recorded at v6 is still a duplicate after the upgrade, for the worker and for the
    /// producers' look-up.
    @Test func aVerifyTaskRecordedAtVersion6IsStillDoneAtVersion7() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("node.sqlite")
        // What v6's recordVerifications wrote for one task.
        try Self.writeFile(path, atVersion: "v6-verifications-append-only") { db in
            try db.execute(sql: """
                INSERT INTO task_log VALUES ('task-1', 'verify', 'verified', '2026-01-05T00:00:00Z');
                INSERT INTO verifications VALUES ('task-1', '079000000001', '2026-01', 'verified', NULL, NULL, NULL, 1, 'w1', '2026-01-05T00:00:00Z');
                """)
        }
        let upgraded = try PensionDatabase(path: path)
        let key = VerificationKey(taskID: "task-1", nationalID: "079000000001", period: "2026-01")
        #expect(try upgraded.recordedVerifications([key]) == ["task-1"])
        let again = VerificationOutcomeRecord(taskID: "task-1", nationalID: "079000000001", period: "2026-01", outcome: "mismatch",
                                              mismatchFields: ["sex"], attempt: 2)
        #expect(try upgraded.recordVerifications([again], at: Fixtures.now) == [.duplicate])
        let stored = try upgraded.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT outcome, attempt FROM verifications")
        }
        #expect(stored.map { [$0["outcome"] as String, String($0["attempt"] as Int)] } == [["verified", "1"]])
    }

    /// v8 starts the fold's mark at the newest outcome: what v7 recorded was applied then and must
    /// not be applied again (a late fold of an old outcome would move a state twice).
    @Test func version8CountsEveryOutcomeOfAVersion7FileAsFolded() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("node.sqlite")
        try Self.writeFile(path, atVersion: "v7-verify-once-by-beneficiary") { db in
            try db.execute(sql: """
                INSERT INTO verifications VALUES ('task-1', '079000000001', '2026-01', 'verified', NULL, NULL, NULL, 1, 'w1', '2026-01-05T00:00:00Z');
                INSERT INTO verifications VALUES ('task-2', '079000000002', '2026-01', 'deceased', NULL, NULL, NULL, 1, 'w1', '2026-01-05T00:00:00Z');
                """)
        }
        let upgraded = try PensionDatabase(path: path)
        #expect(try upgraded.unfoldedOutcomeCount() == 0)
        #expect(try upgraded.foldOutcomes(at: Fixtures.now) == 0)
        let empty = try PensionDatabase(path: dir.path("empty.sqlite"))
        #expect(try empty.unfoldedOutcomeCount() == 0)
    }

    /// A file migrated only up to `version`, with `rows` written as that version's code wrote them.
    static func writeFile(_ path: String, atVersion version: String, rows: (Database) throws -> Void) throws {
        try DatabaseFile.createIfMissing(path: path)
        let pool = try DatabasePool(path: path, configuration: PensionDatabase.configuration())
        try PensionDatabase.schemaMigrator.migrate(pool, upTo: version)
        try pool.write(rows)
    }

    @Test func persistentMigrationFailureSurfaces() throws {
        let dir = try TemporaryDirectory()
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "CREATE TABLE broken (")
        }
        let pool = try DatabasePool(path: dir.path("node.sqlite"), configuration: PensionDatabase.configuration())
        #expect(throws: DatabaseError.self) {
            try PensionDatabase.migrate(pool, migrator: migrator, attempts: 3)
        }
    }
}
