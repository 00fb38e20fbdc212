import Foundation
import PensionDomain
import PensionStore

/// What a registry import did.
public struct RegistryImportSummary: Sendable, Equatable {
    /// Data rows read.
    public var rows = 0
    /// People stored (new or replaced).
    public var stored = 0
    /// Rows refused, with their line numbers.
    public var errors: [String] = []
}

/// Loads a population-registry extract CSV (`national_id, full_name, date_of_birth, sex,
/// status, date_of_death, province_code, commune_code`) into the embedded registry database.
public struct RegistryImporter {
    private static let required = ["national_id", "full_name", "status"]
    private static let known = required + ["date_of_birth", "sex", "date_of_death", "province_code", "commune_code"]
    private let database: RegistryDatabase

    /// Imports into `database`.
    public init(database: RegistryDatabase) {
        self.database = database
    }

    /// Reads `path` in batches; bad rows are listed in the summary (at most 1,000 of them).
    public func run(path: String, batchSize: Int = 5000) throws -> RegistryImportSummary {
        var reader = try CSVFileReader(path: path)
        guard let header = try reader.next(max: 1)?.first else { throw ImportError("\(path) is empty: expected a header row") }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if Self.known.contains(key) {
                guard index[key] == nil else { throw ImportError("\(path) line \(header.line): column \(key) appears twice") }
                index[key] = position
            }
        }
        let missing = Self.required.filter { index[$0] == nil }
        guard missing.isEmpty else { throw ImportError("\(path) line \(header.line): missing column(s) \(missing.joined(separator: ", "))") }

        var summary = RegistryImportSummary()
        while let records = try reader.next(max: batchSize) {
            summary.rows += records.count
            var rows: [RegistryRow] = []
            for record in records {
                switch Self.parse(record, index: index, columns: header.fields.count) {
                case .success(let row): rows.append(row)
                case .failure(let error):
                    if summary.errors.count < 1000 { summary.errors.append(error.description) }
                }
            }
            try database.importRows(rows)
            summary.stored += rows.count
        }
        return summary
    }

    static func parse(_ record: CSVRecord, index: [String: Int], columns: Int) -> Result<RegistryRow, RosterRowError> {
        guard record.fields.count == columns else {
            return .failure(RosterRowError(line: record.line, field: "*", message: "expected \(columns) fields, found \(record.fields.count)"))
        }
        func value(_ key: String) -> String? {
            guard let position = index[key] else { return nil }
            let text = record.fields[position].trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        let id: NationalID
        do {
            id = try NationalID.parse(value("national_id") ?? "")
        } catch {
            return .failure(RosterRowError(line: record.line, field: "national_id", message: error.message))
        }
        guard let name = value("full_name") else {
            return .failure(RosterRowError(line: record.line, field: "full_name", message: "the full name is empty"))
        }
        guard let status = RegistryStatus(rawValue: (value("status") ?? "").lowercased()) else {
            return .failure(RosterRowError(line: record.line, field: "status", message: "expected alive or deceased"))
        }
        var birth: String?, death: String?
        do throws(FieldError) {
            if let raw = value("date_of_birth") { birth = try PartialDate.parse(raw, field: "date_of_birth").iso }
            if let raw = value("date_of_death") { death = try PartialDate.parse(raw, field: "date_of_death").iso }
        } catch {
            return .failure(RosterRowError(line: record.line, field: error.field, message: error.message))
        }
        var sex: String?
        if let raw = value("sex") {
            guard let parsed = Sex(parsing: raw) else {
                return .failure(RosterRowError(line: record.line, field: "sex", message: "expected M/F, nam/nữ or male/female"))
            }
            sex = parsed.rawValue
        }
        if death != nil && status == .alive {
            return .failure(RosterRowError(line: record.line, field: "date_of_death", message: "a date of death is given for a person whose status is alive"))
        }
        var commune: String?
        if let raw = value("commune_code") {
            guard let code = try? CommuneCode.parse(raw, field: "commune_code") else {
                return .failure(RosterRowError(line: record.line, field: "commune_code", message: "expected 5 digits"))
            }
            commune = code.description
        }
        var province: String?
        if let raw = value("province_code") {
            guard let mapped = AdministrativeUnits.province(forCode: raw) else {
                return .failure(RosterRowError(line: record.line, field: "province_code", message: "not a current or legacy province code"))
            }
            province = mapped.code
        }
        return .success(RegistryRow(nationalID: id.digits, fullName: PersonName.normalized(name), dateOfBirth: birth, sex: sex,
                                    status: status, dateOfDeath: death, provinceCode: province, communeCode: commune))
    }
}
