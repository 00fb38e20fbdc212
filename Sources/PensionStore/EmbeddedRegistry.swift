import PensionDomain

/// The population registry served from a local SQLite extract (`pensionpay registry import`):
/// the default adapter of the `PopulationRegistry` port.
public struct EmbeddedRegistry: PopulationRegistry {
    private let database: RegistryDatabase

    /// Opens the extract read-only.
    public init(path: String) throws {
        database = try RegistryDatabase(path: path, readOnly: true)
    }

    /// Wraps an open extract.
    public init(database: RegistryDatabase) {
        self.database = database
    }

    public func lookup(_ ids: [NationalID]) async throws -> [NationalID: RegistryRecord] {
        if ids.isEmpty { return [:] }
        let database = self.database
        let rows = try await StoreExecutor.run { try database.lookup(nationalIDs: ids.map(\.digits)) }
        var records: [NationalID: RegistryRecord] = [:]
        records.reserveCapacity(rows.count)
        for id in ids {
            guard let row = rows[id.digits] else { continue }
            records[id] = row.record(id: id)
        }
        return records
    }
}

extension RegistryRow {
    /// The domain view of a stored registry row; unreadable optional values count as unknown.
    func record(id: NationalID) -> RegistryRecord {
        RegistryRecord(
            nationalID: id, fullName: fullName,
            dateOfBirth: dateOfBirth.flatMap { try? PartialDate.parse($0) },
            sex: sex.flatMap { Sex(parsing: $0) },
            status: status,
            dateOfDeath: dateOfDeath.flatMap { try? PartialDate.parse($0) },
            provinceCode: provinceCode, communeCode: communeCode)
    }
}
