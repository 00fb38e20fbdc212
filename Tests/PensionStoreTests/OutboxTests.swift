import Foundation
import GRDB
import Testing
@testable import PensionStore

@Suite struct OutboxTests {
    @Test func followUpsAreInsertedOnceAndPublishedInOrder() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        _ = try db.upsertBeneficiaries([Fixtures.beneficiary(1), Fixtures.beneficiary(2)], at: Fixtures.now)
        // Two tasks asking for the same follow-up (same message ID): one row.
        _ = try db.recordVerifications([
            Fixtures.outcome("t1", 1, "verified", followUps: [Fixtures.message("m1"), Fixtures.message("m2")]),
            Fixtures.outcome("t2", 2, "verified", followUps: [Fixtures.message("m1", routingKey: "other")]),
        ], at: Fixtures.now)
        #expect(try db.enqueueOutbox([Fixtures.message("m2"), Fixtures.message("m3")], at: Fixtures.now) == 1)

        let pending = try db.pendingOutbox(limit: 10)
        #expect(pending.map(\.messageID) == ["m1", "m2", "m3"])
        let first = try #require(pending.first)
        #expect(first.routingKey == "outreach.79") // the first stored wins
        #expect(first.exchange == "pensionpay.tasks")
        #expect(first.body == Array(#"{"task_id":"m1"}"#.utf8))
        #expect(first.headers == ["x-attempt": "1"])
        #expect(try db.pendingOutbox(limit: 2).map(\.messageID) == ["m1", "m2"])

        try db.markPublished(ids: pending.prefix(2).compactMap(\.id), at: Fixtures.now)
        #expect(try db.pendingOutbox(limit: 10).map(\.messageID) == ["m3"])

        // Marking again keeps the first publication time.
        let later = Fixtures.now.addingTimeInterval(60)
        try db.markPublished(ids: pending.compactMap(\.id), at: later)
        let times = try db.pool.read {
            try Date?.fetchAll($0, sql: "SELECT published_at FROM outbox ORDER BY id")
        }
        #expect(times == [Fixtures.now, Fixtures.now, later])
        #expect(try db.pendingOutbox(limit: 10).isEmpty)
    }

    @Test func emptyHeadersAreStoredAsNull() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        var message = Fixtures.message("m1")
        message.headers = [:]
        try db.enqueueOutbox([message], at: Fixtures.now)
        #expect(try db.pool.read { try Row.fetchOne($0, sql: "SELECT headers FROM outbox")?["headers"] as String? } == nil)
        #expect(try db.pendingOutbox(limit: 1).first?.headers == [:])
    }

    /// A follow-up the schema refuses is an error, never silently not stored; one already stored
    /// is ignored.
    @Test func aFollowUpTheSchemaRefusesIsAnErrorAndARepeatIsIgnored() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        #expect(throws: DatabaseError.self) { try db.enqueueOutbox([Fixtures.message("\u{0}m")], at: Fixtures.now) }
        #expect(try db.enqueueOutbox([Fixtures.message("m1")], at: Fixtures.now) == 1)
        #expect(try db.enqueueOutbox([Fixtures.message("m1")], at: Fixtures.now) == 0)
    }

    @Test func nonPositiveLimitIsRejected() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        #expect(throws: StoreError.self) { try db.pendingOutbox(limit: 0) }
    }

    /// A new database with `count` messages `m1`… in its outbox, leased by relay "a" and then "b",
    /// `limit` rows each. The directory is returned so the file lives as long as the caller needs.
    static func twoRelaysLease(of count: Int, each limit: Int) throws
        -> (TemporaryDirectory, PensionDatabase, [OutboxMessage], [OutboxMessage]) {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        _ = try db.enqueueOutbox((1...count).map { Fixtures.message("m\($0)") }, at: Fixtures.now)
        let a = try db.leaseOutbox(limit: limit, owner: "a", for: 10, now: Fixtures.now)
        let b = try db.leaseOutbox(limit: limit, owner: "b", for: 10, now: Fixtures.now)
        return (dir, db, a, b)
    }

    @Test func relaysLeaseDisjointBatchesAndADeadRelaysLeaseRunsOut() throws {
        let (dir, db, a, b) = try Self.twoRelaysLease(of: 10, each: 6)
        defer { withExtendedLifetime(dir) {} }
        #expect(a.map(\.messageID) == (1...6).map { "m\($0)" })
        #expect(b.map(\.messageID) == (7...10).map { "m\($0)" })
        #expect(try db.leaseOutbox(limit: 6, owner: "c", for: 10, now: Fixtures.now.addingTimeInterval(5)).isEmpty)
        // b publishes; a dies. After a's lease, c takes a's rows and only those.
        try db.markPublished(ids: b.compactMap(\.id), at: Fixtures.now)
        let c = try db.leaseOutbox(limit: 20, owner: "c", for: 10, now: Fixtures.now.addingTimeInterval(10))
        #expect(c.map(\.messageID) == a.map(\.messageID))
        try db.markPublished(ids: c.compactMap(\.id), at: Fixtures.now)
        #expect(try db.pendingOutboxCount() == 0)
        #expect(try db.leaseOutbox(limit: 20, owner: "d", for: 10, now: Fixtures.now.addingTimeInterval(60)).isEmpty)
        #expect(throws: StoreError.self) { try db.leaseOutbox(limit: 0, owner: "d", for: 10, now: Fixtures.now) }
    }

    @Test func aRelayGivesBackTheRowsItCouldNotPublishAndOnlyItsOwn() throws {
        let (dir, db, a, b) = try Self.twoRelaysLease(of: 6, each: 3)
        defer { withExtendedLifetime(dir) {} }
        // a published its first row; the broker refused the other two. b tries to give back a's
        // rows and one of its own; only its own goes back.
        try db.markPublished(ids: [a[0].id!], at: Fixtures.now)
        try db.releaseOutboxLease(ids: a.compactMap(\.id) + [b[0].id!], owner: "b")
        #expect(try db.leaseOutbox(limit: 10, owner: "c", for: 10, now: Fixtures.now).map(\.messageID) == ["m4"])
        try db.releaseOutboxLease(ids: a.compactMap(\.id), owner: "a")
        // Before a's lease would have run out, its two unpublished rows can be taken again; its
        // published one is not.
        #expect(try db.leaseOutbox(limit: 10, owner: "a", for: 10, now: Fixtures.now.addingTimeInterval(1)).map(\.messageID) == ["m2", "m3"])
        #expect(try db.pendingOutboxCount() == 5)
    }
}
