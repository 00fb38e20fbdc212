import Foundation
import PensionDomain
import PensionStore

/// What a contact-preferences import did.
public struct ContactPreferenceImportSummary: Sendable, Equatable, Codable {
    /// Data rows read (header excluded).
    public var rows = 0
    /// Rows applied to `contact_preferences`.
    public var applied = 0
    /// Of those, rows that opt the person out of notices.
    public var optedOut = 0
    /// Rows rejected (see the rejects file).
    public var rejected = 0
    /// Where rejected rows were written, if any.
    public var rejectsPath: String?
    /// Set when the file could not be read to its end.
    public var stoppedEarly: String?

    enum CodingKeys: String, CodingKey {
        case rows, applied, rejected
        case optedOut = "opted_out", rejectsPath = "rejects_path", stoppedEarly = "stopped_early"
    }
}

/// Streams a contact-preferences CSV (`national_id, preferred_channel, opted_out, email,
/// zalo_available, postal_address`; only `national_id` is required) into `contact_preferences`,
/// which the outreach worker reads to choose a channel, or to send nothing to someone who opted out.
///
/// Columns the file has overwrite what is stored (an empty cell clears); columns it lacks keep it, so
/// a commune can send a file of opt-outs only. A row is rejected, with its line number and reason,
/// when a value is malformed, the person is not on record on this node, or the ID repeats an earlier
/// row. Importing the same file twice changes nothing more.
public struct ContactPreferenceImporter: Sendable {
    private let store: PensionDatabase
    private let batchSize: Int
    private let now: @Sendable () -> Date

    /// Creates an importer.
    public init(store: PensionDatabase, batchSize: Int = 1000, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.batchSize = batchSize
        self.now = now
    }

    /// Imports `path`; unusable rows go to `rejectsPath`.
    public func run(path: String, rejectsPath: String) async throws -> ContactPreferenceImportSummary {
        let source = try CSVImportSource<ContactPreferenceColumn>(path: path, rejectsPath: rejectsPath)
        defer { try? source.close() }
        var summary = ContactPreferenceImportSummary()
        var seen = Set<String>()
        while let records = try source.next(max: batchSize) {
            summary.rows += records.count
            var parsed: [(record: CSVRecord, update: ContactPreferenceUpdate)] = []
            for record in records {
                switch ContactPreferenceRowParser.parse(record, header: source.header) {
                case .success(let update):
                    guard seen.insert(update.nationalID.digits).inserted else {
                        try source.reject(RosterRowError(line: record.line, field: "national_id",
                                                         message: "this national_id appears on an earlier line of the file; this row was skipped"),
                                          fields: record.fields)
                        continue
                    }
                    parsed.append((record, update))
                case .failure(let error):
                    try source.reject(error, fields: record.fields)
                }
            }
            let onRecord = try await store.beneficiaries(nationalIDs: parsed.map(\.update.nationalID.digits))
            var updates: [ContactPreferenceUpdate] = []
            for (record, update) in parsed {
                guard onRecord[update.nationalID.digits] != nil else {
                    try source.reject(RosterRowError(line: record.line, field: "national_id",
                                                     message: "no beneficiary with this ID is on record on this node; import the roster first"),
                                      fields: record.fields)
                    continue
                }
                updates.append(update)
            }
            let date = now()
            try await LockedStoreRetry.run { try await store.applyContactPreferences(updates, at: date) }
            summary.applied += updates.count
            summary.optedOut += updates.filter { $0.optedOut == true }.count
        }
        summary.rejected = source.rejects.count
        summary.stoppedEarly = source.stoppedEarly
        summary.rejectsPath = source.rejectsPathIfAny
        return summary
    }
}
