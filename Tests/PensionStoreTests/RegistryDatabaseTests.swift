import Foundation
import GRDB
import Testing
@testable import PensionStore

@Suite struct RegistryDatabaseTests {
    static func person(_ n: Int) -> RegistryRow {
        RegistryRow(
            nationalID: Fixtures.nationalID(n), fullName: "Người \(n)", dateOfBirth: "1950-03-07", sex: "F",
            status: n % 10 == 0 ? .deceased : .alive, dateOfDeath: n % 10 == 0 ? "2025-12" : nil,
            provinceCode: "79", communeCode: "26734")
    }

    @Test func importAndLookUpOneAndMany() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("registry.sqlite")
        let registry = try RegistryDatabase.create(path: path)
        let people = (1...12_000).map(Self.person) // more than one import chunk
        try registry.importRows(people)
        #expect(try registry.count() == 12_000)
        #expect(try registry.lookup(nationalID: Fixtures.nationalID(10)) == Self.person(10))
        #expect(try registry.lookup(nationalID: Fixtures.nationalID(999_999)) == nil)

        let wanted = (1...500).map { Fixtures.nationalID($0 * 3) } + [Fixtures.nationalID(888_888)]
        let found = try registry.lookup(nationalIDs: wanted)
        #expect(found.count == 500)
        #expect(found[Fixtures.nationalID(30)]?.status == .deceased)
        #expect(found[Fixtures.nationalID(888_888)] == nil)
        #expect(try registry.lookup(nationalIDs: []).isEmpty)

        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
    }

    @Test func insertOrReplaceUpdatesAnExistingPerson() throws {
        let dir = try TemporaryDirectory()
        let registry = try RegistryDatabase.create(path: dir.path("registry.sqlite"))
        try registry.importRows([Self.person(1)])
        var died = Self.person(1)
        died.status = .deceased
        died.dateOfDeath = "2026-01-02"
        try registry.importRows([died])
        #expect(try registry.count() == 1)
        #expect(try registry.lookup(nationalID: died.nationalID) == died)
    }

    @Test func readOnlyOpenReadsButCannotWrite() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("registry.sqlite")
        try RegistryDatabase.create(path: path).importRows((1...20).map(Self.person))
        let readOnly = try RegistryDatabase(path: path, readOnly: true)
        #expect(try readOnly.count() == 20)
        #expect(try readOnly.lookup(nationalIDs: [Fixtures.nationalID(2)]).count == 1)
        #expect(throws: DatabaseError.self) { try readOnly.importRows([Self.person(21)]) }
    }

    @Test func aWorkersReadOnlyExtractKeepsSmallPageCaches() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("registry.sqlite")
        let writable = try RegistryDatabase.create(path: path)
        #expect(try writable.pool.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -2000, "an import keeps SQLite's default")
        let readOnly = try RegistryDatabase(path: path, readOnly: true)
        #expect(try readOnly.pool.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -PensionDatabase.readerCacheKiB)
    }

    @Test func readOnlyOpenOfAMissingOrEmptyFileFails() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: StoreError.self) { _ = try RegistryDatabase(path: dir.path("missing.sqlite"), readOnly: true) }
        let empty = dir.path("empty.sqlite")
        _ = try DatabaseQueue(path: empty)
        #expect(throws: StoreError.self) { _ = try RegistryDatabase(path: empty, readOnly: true) }
    }

    @Test func checksRejectBadRows() throws {
        let dir = try TemporaryDirectory()
        let registry = try RegistryDatabase.create(path: dir.path("registry.sqlite"))
        var alive = Self.person(1)
        alive.dateOfDeath = "2025"
        #expect(throws: DatabaseError.self) { try registry.importRows([alive]) }
        var badID = Self.person(2)
        badID.nationalID = "12345"
        #expect(throws: DatabaseError.self) { try registry.importRows([badID]) }
        #expect(try registry.count() == 0)
    }
}
