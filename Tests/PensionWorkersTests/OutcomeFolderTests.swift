import Foundation
import Logging
import PensionStore
import ServiceLifecycle
import Testing
@testable import PensionWorkers

@Suite struct OutcomeFolderTests {
    func store() throws -> PensionDatabase {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fold-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try PensionDatabase(path: directory.appendingPathComponent("node.sqlite").path)
        let rows = (0..<50).map { n in
            BeneficiaryUpsert(nationalID: Self.id(n), fullName: "Nguyễn Văn An", dateOfBirth: "1950", provinceCode: "79", paymentMethod: .cash)
        }
        _ = try store.upsertBeneficiaries(rows, at: Date())
        return store
    }

    static func id(_ n: Int) -> String { "079" + String(format: "%09d", n) }

    func recordDeferred(_ store: PensionDatabase, _ range: Range<Int>, outcome: String = "deceased") throws {
        let records = range.map { VerificationOutcomeRecord(taskID: "t\($0)", nationalID: Self.id($0), period: "2026-11", outcome: outcome, attempt: 1) }
        #expect(try store.recordVerifications(records, at: Date(), folding: .deferred).allSatisfy { $0 == .recorded })
    }

    @Test func foldsInBatchesUntilNothingIsPending() async throws {
        let store = try store()
        try recordDeferred(store, 0..<25)
        let folder = OutcomeFolder(store: store, batch: 10, logger: Logger(label: "test"))
        #expect(await folder.foldOnce() == 10)
        #expect(await folder.foldOnce() == 10)
        #expect(await folder.foldOnce() == 5)
        #expect(await folder.foldOnce() == 0)
        #expect(try await store.unfoldedOutcomeCount() == 0)
        #expect(try store.beneficiary(nationalID: Self.id(24))?.status == .deceased)
        #expect(try store.beneficiary(nationalID: Self.id(25))?.status == .active)
    }

    @Test func aFailingFoldSaysSoInsteadOfReportingNothingToDo() async throws {
        let store = try store()
        try recordDeferred(store, 0..<5)
        try await store.pool.write { try $0.execute(sql: "DROP TABLE outcome_fold") }   // any store error will do
        let folder = OutcomeFolder(store: store, logger: Logger(label: "test"))
        #expect(await folder.foldOnce() == nil)
        #expect(try store.beneficiary(nationalID: Self.id(0))?.status == .active)
    }

    /// A worker stopping gracefully records its last batch and then its folder folds it: a drained
    /// fleet leaves no state behind its outcomes, however long the folder's interval.
    @Test func gracefulShutdownFoldsWhatIsLeft() async throws {
        let store = try store()
        let folder = OutcomeFolder(store: store, interval: .seconds(3600), logger: Logger(label: "test"))
        let group = ServiceGroup(configuration: .init(services: [folder], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(200))   // the folder's first look: nothing, then a long sleep
            try recordDeferred(store, 0..<30, outcome: "mismatch")
            #expect(try await store.unfoldedOutcomeCount() == 30)
            let started = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            #expect(ContinuousClock.now - started < .seconds(60), "shutdown wakes the folder's sleep")
        }
        #expect(try await store.unfoldedOutcomeCount() == 0)
        #expect(try store.beneficiary(nationalID: Self.id(29))?.status == .hold)
    }
}
