import GRDB
import Logging
import Testing
@testable import PensionWorkers

/// `recordIsolatingRefusals`, used by the verify and register handlers, without a broker: a
/// refusal parks only the refused items, anything else stays a failure of the whole batch.
@Suite struct RefusalIsolationTests {
    let logger = Logger(label: "refusal-tests")

    /// Stands in for a store call: refuses every batch holding "bad", like SQLite's constraints.
    func store(_ batch: [String]) throws -> [String] {
        if batch.contains("bad") { throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "CHECK constraint failed: x > 0") }
        return batch.map { "ok-\($0)" }
    }

    @Test func onlyTheRefusedItemIsParkedAndTheOthersAreRecordedOneByOne() async throws {
        var dispositions = [TaskDisposition](repeating: .completed, count: 5)
        var calls: [[String]] = []
        let results = try await recordIsolatingRefusals(["a", "bad", "c"], deliveries: [0, 2, 4], dispositions: &dispositions, logger: logger) {
            calls.append($0)
            return try store($0)
        }
        #expect(results == ["ok-a", nil, "ok-c"])
        #expect(dispositions == [.completed, .completed, .park(reason: "the store refused the outcome: CHECK constraint failed: x > 0"), .completed, .completed])
        #expect(calls == [["a", "bad", "c"], ["a"], ["bad"], ["c"]])
    }

    @Test func aBatchWithoutRefusalsIsOneCall() async throws {
        var dispositions = [TaskDisposition](repeating: .completed, count: 2)
        var calls = 0
        let results = try await recordIsolatingRefusals(["a", "b"], deliveries: [0, 1], dispositions: &dispositions, logger: logger) {
            calls += 1
            return try store($0)
        }
        #expect(results == ["ok-a", "ok-b"])
        #expect(calls == 1)
    }

    @Test func anyOtherStoreErrorFailsTheWholeBatchForTheRetryPath() async throws {
        var dispositions = [TaskDisposition](repeating: .completed, count: 2)
        await #expect(throws: DatabaseError.self) {
            _ = try await recordIsolatingRefusals(["a", "b"], deliveries: [0, 1], dispositions: &dispositions, logger: logger) { _ -> [String] in
                throw DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked")
            }
        }
        #expect(dispositions == [.completed, .completed])
    }
}
