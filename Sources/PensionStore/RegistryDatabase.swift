import PensionDomain
import Foundation
import GRDB

/// A local SQLite extract of the population registry, used by the registry simulator and by workers
/// that verify against a file instead of the live service. Separate from the node's database: it is
/// large and shared read-only by many processes. A new extract replaces people by ID; people absent
/// from it stay (import into a fresh file to start over).
public final class RegistryDatabase: Sendable {
    /// The underlying pool; read-only connections only when opened with `readOnly: true`.
    public let pool: DatabasePool

    /// How many rows one import transaction holds: large enough to amortise the commit, small
    /// enough that readers' WAL never grows without bound during a multi-million-row import.
    static let importChunkSize = 5_000

    /// Creates (or opens) a writable extract at `path` with its schema; a new file gets mode 0600.
    public static func create(path: String) throws -> RegistryDatabase {
        try RegistryDatabase(path: path, readOnly: false)
    }

    /// Opens an extract. Writable: creates the file and schema if missing. Read-only: the file must
    /// already hold the schema, and no connection can write.
    public init(path: String, readOnly: Bool) throws {
        var config = Configuration()
        config.label = "RegistryDatabase"
        // Pool readers already get a 10 s busy timeout from GRDB; the writer needs it set.
        config.busyMode = .timeout(10)
        config.publicStatementArguments = false
        config.readonly = readOnly
        if readOnly {
            config.prepareDatabase { db in
                // Workers look up scattered people in an extract far larger than any cache; SQLite's
                // default 2 MiB per connection filled as the extract grew and counted against each
                // worker's memory budget (the node's pool readers have the same reasoning).
                try db.execute(sql: "PRAGMA cache_size = -\(PensionDatabase.readerCacheKiB)")
            }
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError(.schemaMissing, "registry extract file does not exist")
            }
            pool = try DatabasePool(path: path, configuration: config)
            let hasTable = try pool.read { try $0.tableExists("registry_people") }
            guard hasTable else {
                throw StoreError(.schemaMissing, "registry extract has no registry_people table")
            }
        } else {
            try DatabaseFile.createIfMissing(path: path)
            pool = try DatabasePool(path: path, configuration: config)
            try PensionDatabase.migrate(pool, migrator: Self.migrator)
        }
    }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // WITHOUT ROWID: one B-tree keyed by the ID number, the only access path.
            try db.execute(sql: """
                CREATE TABLE registry_people (
                    national_id TEXT NOT NULL PRIMARY KEY
                        CHECK (national_id GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
                    full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
                    date_of_birth TEXT CHECK (
                        date_of_birth GLOB '[12][0-9][0-9][0-9]'
                        OR date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
                        OR date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
                    sex TEXT CHECK (sex IN ('M', 'F')),
                    status TEXT NOT NULL CHECK (status IN ('alive', 'deceased')),
                    date_of_death TEXT CHECK (
                        date_of_death GLOB '[12][0-9][0-9][0-9]'
                        OR date_of_death GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
                        OR date_of_death GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
                    province_code TEXT CHECK (province_code GLOB '[0-9][0-9]'),
                    commune_code TEXT CHECK (commune_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
                    CHECK (status = 'deceased' OR date_of_death IS NULL)
                ) WITHOUT ROWID
                """)
        }
        return migrator
    }()

    /// Inserts or replaces rows, in transactions of ``importChunkSize`` rows.
    public func importRows(_ rows: [RegistryRow]) throws {
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + Self.importChunkSize, rows.endIndex)
            let chunk = rows[start..<end]
            try pool.write { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO registry_people (national_id, full_name, date_of_birth, sex, status,
                        date_of_death, province_code, commune_code)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for row in chunk {
                    try statement.execute(arguments: [
                        row.nationalID, row.fullName, row.dateOfBirth, row.sex, row.status.rawValue,
                        row.dateOfDeath, row.provinceCode, row.communeCode,
                    ])
                }
            }
            start = end
        }
    }

    /// The registry's record for one ID number, if any.
    public func lookup(nationalID: String) throws -> RegistryRow? {
        try pool.read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(Self.columns) FROM registry_people WHERE national_id = ?")
            return try Row.fetchOne(statement, arguments: [nationalID]).map(Self.decode)
        }
    }

    /// The records for a batch of ID numbers in one query, keyed by ID; absent IDs are not found.
    public func lookup(nationalIDs: [String]) throws -> [String: RegistryRow] {
        if nationalIDs.isEmpty { return [:] }
        let json = JSONArrayText.strings(nationalIDs)
        return try pool.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT \(Self.columns) FROM registry_people
                WHERE national_id IN (SELECT value FROM json_each(?))
                """)
            var found: [String: RegistryRow] = [:]
            found.reserveCapacity(nationalIDs.count)
            let cursor = try Row.fetchCursor(statement, arguments: [json])
            while let row = try cursor.next() {
                let person = try Self.decode(row)
                found[person.nationalID] = person
            }
            return found
        }
    }

    /// How many people the extract holds.
    public func count() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM registry_people") ?? 0
        }
    }

    static let columns =
        "national_id, full_name, date_of_birth, sex, status, date_of_death, province_code, commune_code"

    /// Decodes a row selected with ``columns``, by position: a name costs a hashed lookup per
    /// column per row, which showed in the verify worker's profile.
    static func decode(_ row: Row) throws -> RegistryRow {
        guard let status = RegistryStatus(rawValue: row[4]) else {
            throw StoreError(.unexpectedValue, "registry_people row with an unknown status")
        }
        return RegistryRow(
            nationalID: row[0], fullName: row[1], dateOfBirth: row[2],
            sex: row[3], status: status, dateOfDeath: row[5],
            provinceCode: row[6], communeCode: row[7])
    }
}
