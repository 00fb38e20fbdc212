import GRDB
import PensionStore
import Testing
@testable import PensionWorkers

@Suite struct LockedStoreRetryTests {
    @Test func aLockedStoreIsTriedAgainUntilItAnswers() async throws {
        var calls = 0
        let value = try await LockedStoreRetry.run(attempts: 6) { () async throws -> Int in
            calls += 1
            if calls < 3 { throw DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked") }
            return 42
        }
        #expect(value == 42)
        #expect(calls == 3)
    }

    @Test func otherErrorsAndTheLastLockedAttemptAreThrown() async throws {
        var calls = 0
        await #expect(throws: DatabaseError.self) {
            try await LockedStoreRetry.run(attempts: 4) { () async throws -> Int in
                calls += 1
                throw DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked")
            }
        }
        #expect(calls == 4)
        calls = 0
        await #expect(throws: DatabaseError.self) {
            try await LockedStoreRetry.run(attempts: 4) { () async throws -> Int in
                calls += 1
                throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "CHECK constraint failed")
            }
        }
        #expect(calls == 1)
    }
}
