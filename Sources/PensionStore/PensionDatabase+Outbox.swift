import Foundation
import GRDB

extension PensionDatabase {
    /// Stores messages for the relay outside any outcome, e.g. from a worker kind with its own rows.
    ///
    /// A message whose `messageID` is already in the outbox is ignored (published or not).
    /// Returns how many rows were added.
    @discardableResult
    public func enqueueOutbox(_ messages: [OutboxMessage], at: Date) throws -> Int {
        if messages.isEmpty { return 0 }
        let stamp = StoreDate.value(at)
        return try pool.write { db in
            let statement = try db.cachedStatement(sql: Self.outboxInsertSQL)
            var added = 0
            for message in messages {
                try statement.execute(arguments: try Self.outboxArguments(message, stamp: stamp))
                added += db.changesCount
            }
            return added
        }
    }

    /// Up to `limit` unpublished messages, oldest first, for the relay to publish with confirms.
    public func pendingOutbox(limit: Int) throws -> [OutboxMessage] {
        guard limit > 0 else {
            throw StoreError(.invalidArgument, "limit must be positive, got \(limit)")
        }
        return try pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT \(Self.outboxColumns) FROM outbox
                WHERE published_at IS NULL ORDER BY id LIMIT ?
                """)
            return try Row.fetchAll(statement, arguments: [limit]).map(Self.outboxMessage)
        }
    }

    /// Leases up to `limit` unpublished rows, oldest first, that no other relay holds, for `duration`;
    /// one write transaction. A relay that dies keeps its rows only until the lease runs out; a slow
    /// one that outlives it may see them published twice, never zero times.
    public func leaseOutbox(limit: Int, owner: String, for duration: TimeInterval, now: Date) throws -> [OutboxMessage] {
        guard limit > 0 else {
            throw StoreError(.invalidArgument, "limit must be positive, got \(limit)")
        }
        return try pool.write { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(Self.outboxColumns) FROM outbox
                WHERE published_at IS NULL AND (leased_until IS NULL OR leased_until <= ?) ORDER BY id LIMIT ?
                """), arguments: [StoreDate.value(now), limit])
            let messages = try rows.map(Self.outboxMessage)
            if !messages.isEmpty {
                let json = Self.outboxIDsJSON(messages.compactMap(\.id))
                try db.cachedStatement(sql: """
                    UPDATE outbox SET leased_until = ?, leased_by = ? WHERE id IN (SELECT value FROM json_each(?))
                    """).execute(arguments: [StoreDate.value(now.addingTimeInterval(duration)), owner, json])
            }
            return messages
        }
    }

    /// Gives `owner`'s leased, unpublished rows back before their lease runs out (the relay could
    /// not publish them), so the next round takes them at once. Other owners' leases are untouched.
    public func releaseOutboxLease(ids: [Int64], owner: String) throws {
        if ids.isEmpty { return }
        let json = Self.outboxIDsJSON(ids)
        try pool.write { db in
            try db.cachedStatement(sql: """
                UPDATE outbox SET leased_until = NULL, leased_by = NULL
                WHERE published_at IS NULL AND leased_by = ? AND id IN (SELECT value FROM json_each(?))
                """).execute(arguments: [owner, json])
        }
    }

    /// Marks outbox rows as published (the broker confirmed them). Already-published rows keep their
    /// first timestamp; unknown IDs are ignored.
    public func markPublished(ids: [Int64], at: Date) throws {
        if ids.isEmpty { return }
        let json = Self.outboxIDsJSON(ids)
        try pool.write { db in
            let statement = try db.cachedStatement(sql: """
                UPDATE outbox SET published_at = ?
                WHERE published_at IS NULL AND id IN (SELECT value FROM json_each(?))
                """)
            try statement.execute(arguments: [StoreDate.value(at), json])
        }
    }

    /// Row ids as a JSON array for `json_each(?)`: lease, release and mark take their rows so.
    static func outboxIDsJSON(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// The columns ``outboxMessage(_:)`` reads, by position (names cost a lookup per column per row).
    static let outboxColumns = "id, message_id, exchange, routing_key, body, headers"

    static func outboxMessage(_ row: Row) throws -> OutboxMessage {
        let body: Data = row[4]
        let headersJSON: String? = row[5]
        let headers = try headersJSON.map {
            try JSONDecoder().decode([String: String].self, from: Data($0.utf8))
        } ?? [:]
        return OutboxMessage(
            id: row[0], messageID: row[1], exchange: row[2],
            routingKey: row[3], body: [UInt8](body), headers: headers)
    }

    /// Nothing happens on the unique `message_id`: re-storing a follow-up is harmless. `ON CONFLICT`,
    /// not `OR IGNORE`, which would also drop a row failing a CHECK without a word.
    static let outboxInsertSQL = """
        INSERT INTO outbox (message_id, exchange, routing_key, body, headers, created_at)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING
        """

    /// The encoder for outbox headers: sorted keys, so equal headers are stored as equal text.
    /// One for the process: creating encoders showed up in the recording cost, and swift-foundation's
    /// `JSONEncoder` is `Sendable` (its options are behind a lock), so batches may share it.
    static let headersEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    /// Arguments for ``outboxInsertSQL``; empty headers are stored as NULL.
    static func outboxArguments(
        _ message: OutboxMessage, stamp: DatabaseValue
    ) throws -> StatementArguments {
        let headers: String? = message.headers.isEmpty
            ? nil : String(decoding: try headersEncoder.encode(message.headers), as: UTF8.self)
        return [message.messageID, message.exchange, message.routingKey, Data(message.body), headers, stamp]
    }
}

extension PensionDatabase {
    /// How many outbox rows wait for the relay.
    public func pendingOutboxCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL") ?? 0 }
    }
}
