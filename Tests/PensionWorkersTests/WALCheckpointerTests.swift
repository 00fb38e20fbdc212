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
}
