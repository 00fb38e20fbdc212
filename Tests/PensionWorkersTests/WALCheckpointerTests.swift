import Foundation
import Logging
import PensionStore
import Testing
@testable import PensionWorkers

@Suite struct WALCheckpointerTests {
    func store() throws -> PensionDatabase {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wal-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try PensionDatabase(path: directory.appendingPathComponent("node.sqlite").path)
    }

    @Test func leavesASmallLogAloneAndRestartsALargeOne() async throws {
        let store = try store()
        let rows = (0..<2_000).map { n in
            BeneficiaryUpsert(nationalID: "079" + String(format: "%09d", n), fullName: "Nguyễn Văn An", dateOfBirth: "1950", provinceCode: "79", paymentMethod: .cash)
        }
        _ = try await store.upsertBeneficiaries(rows, at: Date())
        let size = store.walFileSize()
        #expect(size > 0)

        let patient = WALCheckpointer(store: store, threshold: size, logger: Logger(label: "test"))
        #expect(await patient.checkOnce() == nil)             // not past the threshold: nothing runs

        let eager = WALCheckpointer(store: store, threshold: size / 2, logger: Logger(label: "test"))
        let result = try #require(await eager.checkOnce())
        #expect(result.completed && result.frames > 0 && result.checkpointed == result.frames)
    }

    /// Running, the checkpointer copies the log back in the background (below the writer's own
    /// checkpoint threshold), so the next commits write at the start of the log again and the
    /// file does not grow. (Looking at the log with a checkpoint would copy it itself: the test only
    /// reads the file's size.)
    @Test func copiesTheLogBackInTheBackground() async throws {
        let store = try store()
        let checkpointer = WALCheckpointer(store: store, backfillInterval: .milliseconds(20), logger: Logger(label: "test"))
        let running = Task { try await checkpointer.run() }
        defer { running.cancel() }

        var n = 0
        func write(_ count: Int) async throws {
            let rows = (n..<n + count).map { k in
                BeneficiaryUpsert(nationalID: "079" + String(format: "%09d", k), fullName: "Nguyễn Văn An", dateOfBirth: "1950", provinceCode: "79", paymentMethod: .cash)
            }
            n += count
            _ = try await store.upsertBeneficiaries(rows, at: Date())
        }
        try await write(2_000)
        let first = store.walFileSize()
        for _ in 0..<3 {
            try await Task.sleep(for: .milliseconds(300))
            try await write(2_000)
        }
        // Without the background copy, each write appends (4 × first, below wal_autocheckpoint).
        #expect(first > 0)
        #expect(store.walFileSize() < first * 2, "the log was not copied back and restarted")
    }
}
