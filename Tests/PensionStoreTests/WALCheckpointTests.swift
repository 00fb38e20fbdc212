import Foundation
import GRDB
import Synchronization
import Testing
@testable import PensionStore

@Suite struct WALCheckpointTests {
    /// Frames in the WAL now (a passive checkpoint reports the length of the log).
    func frames(_ db: PensionDatabase) throws -> Int {
        try db.pool.writeWithoutTransaction { db in try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")?[1] ?? 0 }
    }

    /// Readers that take turns without a pause (as workers, relays and pollers do) must not stop
    /// the log from restarting: the RESTART checkpoint waits out the reads of the moment, and the
    /// next commit writes at the start of the WAL again.
    @Test func restartCompletesAndTheLogStartsAgainWhileReadersKeepReading() async throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        let stop = Atomic<Bool>(false)
        let reads = Atomic<Int>(0)
        // Two readers, each holding its snapshot for 20 ms, started 10 ms apart: there is always one.
        let readers = (0..<2).map { k in
            Thread {
                Thread.sleep(forTimeInterval: 0.01 * Double(k))
                while !stop.load(ordering: .relaxed) {
                    _ = try? db.pool.read { db in
                        _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM beneficiaries")
                        Thread.sleep(forTimeInterval: 0.02)
                    }
                    reads.add(1, ordering: .relaxed)
                }
            }
        }
        readers.forEach { $0.start() }
        defer { stop.store(true, ordering: .relaxed) }

        // Write until the log is long (a busy machine may let SQLite restart it on its own once),
        // then restart it; three rounds, since one long RESTART stalled in about one run of three.
        for round in 0..<3 {
            var batch = 0
            while try frames(db) <= 300 && batch < 400 {
                _ = try await db.upsertBeneficiaries((0..<500).map { Fixtures.beneficiary(round * 200_000 + batch * 500 + $0) }, at: Fixtures.now)
                batch += 1
            }
            #expect(try frames(db) > 300)

            let checkpoint = try await db.checkpointWAL()
            #expect(checkpoint.completed, "round \(round): \(checkpoint)")
            #expect(checkpoint.checkpointed == checkpoint.frames)
        }

        _ = try await db.upsertBeneficiaries([Fixtures.beneficiary(999_999)], at: Fixtures.now)
        #expect(try frames(db) < 50)   // a one-row commit at the start of a restarted log
        #expect(db.walFileSize() <= PensionDatabase.walSizeLimit)
        stop.store(true, ordering: .relaxed)
        #expect(reads.load(ordering: .relaxed) > 0)
    }
}
