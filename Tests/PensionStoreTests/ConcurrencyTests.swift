import Foundation
import GRDB
import Synchronization
import Testing
@testable import PensionStore

@Suite struct ConcurrencyTests {
    /// Four pools on one file (as four worker processes have), each writing from its own thread:
    /// the busy timeout must turn contention into waiting, never into SQLITE_BUSY.
    @Test func fourPoolsWritingOneFileNeverSeeBusy() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("node.sqlite")
        let seed = try PensionDatabase(path: path)
        let people = 200
        _ = try seed.upsertBeneficiaries((1...people).map { Fixtures.beneficiary($0) }, at: Fixtures.now)

        let writers = 4, batches = 25, batchSize = 40
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let db = try PensionDatabase(path: path)
                for batch in 0..<batches {
                    let records = (0..<batchSize).map { i in
                        let n = (writer * batches * batchSize + batch * batchSize + i) % people + 1
                        return Fixtures.outcome(
                            "w\(writer)-b\(batch)-\(i)", n, i % 7 == 0 ? "mismatch" : "verified",
                            fields: i % 7 == 0 ? ["sex"] : [],
                            followUps: [Fixtures.message("w\(writer)-b\(batch)-\(i)")])
                    }
                    let results = try db.recordVerifications(records, at: Fixtures.now)
                    if results.contains(where: { $0 != .recorded }) {
                        failures.withLock { $0.append("unexpected results in w\(writer) b\(batch)") }
                    }
                    _ = try db.pendingOutbox(limit: 5) // readers interleave with the writers
                }
            } catch {
                failures.withLock { $0.append(String(describing: error)) }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let total = writers * batches * batchSize
        let counts = try seed.pool.read { db in
            try ["verifications", "outbox"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") }
        }
        #expect(counts == [total, total])
    }
}
