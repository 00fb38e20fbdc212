import AMQP
import Foundation
import Logging
import PensionDomain
import PensionStore

/// What an import did.
public struct RosterImportSummary: Sendable, Equatable, Codable {
    /// Data rows read (header excluded).
    public var rows = 0
    /// Beneficiaries newly on record.
    public var inserted = 0
    /// Beneficiaries whose data changed.
    public var updated = 0
    /// Beneficiaries already on record unchanged.
    public var unchanged = 0
    /// `verify` tasks published (and confirmed by the broker).
    public var published = 0
    /// Tasks not published because that beneficiary is already verified for the period.
    public var alreadyDone = 0
    /// Rows rejected (see the rejects file).
    public var rejected = 0
    /// Imported rows with identity or account warnings (e.g. an account that looks like a card).
    public var rowsWithWarnings = 0
    /// Where rejected rows were written, if any.
    public var rejectsPath: String?
    /// Set when the file could not be read to its end (e.g. invalid UTF-8 at some line).
    public var stoppedEarly: String?

    enum CodingKeys: String, CodingKey {
        case rows, inserted, updated, unchanged, published, rejected
        case alreadyDone = "already_done", rowsWithWarnings = "rows_with_warnings", rejectsPath = "rejects_path", stoppedEarly = "stopped_early"
    }
}

/// Streams a beneficiary roster into the store and publishes one `verify` task per usable row.
///
/// Each batch is upserted first and then published with confirms, a few batches in flight at
/// once; so a task never reaches a worker before its beneficiary is on record, and the import
/// returns only when the broker holds every task. Task ids are deterministic per person and
/// period: importing the same roster twice creates no new work.
public struct RosterImporter: Sendable {
    private let store: PensionDatabase
    private let publisher: any AMQPPublishing
    private let topology: Topology
    private let period: Period
    private let batchSize: Int
    private let window: Int
    private let now: @Sendable () -> Date

    /// The page cache the import's store should give its writer (see `PensionDatabase(path:writerCacheKiB:)`):
    /// a batch's inserts land on scattered pages of the ID and account indexes, and with SQLite's
    /// 2 MiB default a first import of 300,000 people read most of them from disk again per batch.
    public static let writerCacheKiB = 32_768

    /// `publisher` must confirm (a `ReconnectingPublisher`, or a connection with confirms enabled).
    /// `batchSize` rows share one transaction and one confirmed publish: 5,000 rather than 1,000
    /// dirty each index page once for several rows, so a commit writes fewer pages per row.
    public init(store: PensionDatabase, publisher: any AMQPPublishing, topology: Topology = Topology(), period: Period,
                batchSize: Int = 5000, window: Int = 4, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.publisher = publisher
        self.topology = topology
        self.period = period
        self.batchSize = batchSize
        self.window = window
        self.now = now
    }

    /// Imports `path`; unusable rows go to `rejectsPath` with their line number and reason.
    /// `progress` is called with the number of rows read so far.
    ///
    /// Three stages overlap: while a batch is stored (on the store's own threads) the next one is
    /// read and checked, and up to `window` stored batches await the broker's confirms.
    public func run(path: String, rejectsPath: String, progress: @Sendable (Int) -> Void = { _ in }) async throws -> RosterImportSummary {
        let source = try CSVImportSource<RosterColumn>(path: path, rejectsPath: rejectsPath)
        defer { try? source.close() }
        let header = source.header
        var summary = RosterImportSummary()

        // Compact (8 bytes an ID) so a national roster of millions still fits comfortably.
        var seen = Set<UInt64>()
        var next = try readBatch(source, header: header, seen: &seen, summary: &summary)
        let published = try await ConfirmWindow.publish(through: publisher, window: window) {
            guard let entries = next else { return nil }
            async let stored = storeAndBuildTasks(entries, header: header)
            next = try readBatch(source, header: header, seen: &seen, summary: &summary)
            let batch = try await stored
            summary.add(batch)
            progress(summary.rows)
            return batch.messages
        }
        summary.published = published
        summary.rejected = source.rejects.count
        summary.stoppedEarly = source.stoppedEarly
        summary.rejectsPath = source.rejectsPathIfAny
        return summary
    }

    /// Reads and checks the next batch: the usable rows, or nil at the end of the file. Unusable
    /// rows, and a person already seen on an earlier line, go to the rejects file.
    private func readBatch(_ source: CSVImportSource<RosterColumn>, header: RosterHeader, seen: inout Set<UInt64>,
                           summary: inout RosterImportSummary) throws -> [RosterEntry]? {
        guard let records = try source.next(max: batchSize) else { return nil }
        summary.rows += records.count
        var entries: [RosterEntry] = []
        entries.reserveCapacity(records.count)
        for record in records {
            switch RosterRowParser.parse(record, header: header) {
            case .success(let entry):
                guard seen.insert(UInt64(entry.nationalID.digits)!).inserted else {
                    try source.reject(RosterRowError(line: record.line, field: "national_id",
                                                     message: "this national_id appears on an earlier line of the file; this row was skipped"),
                                      fields: record.fields)
                    continue
                }
                entries.append(entry)
            case .failure(let error):
                try source.reject(error, fields: record.fields)
            }
        }
        return entries
    }

    /// What storing one batch did, and the tasks it leaves to publish.
    struct StoredBatch: Sendable {
        var messages: [AMQPOutgoingMessage] = []
        var upsert = UpsertSummary()
        var alreadyDone = 0
        var rowsWithWarnings = 0
    }

    private func storeAndBuildTasks(_ entries: [RosterEntry], header: RosterHeader) async throws -> StoredBatch {
        guard !entries.isEmpty else { return StoredBatch() }
        let date = now()
        var batch = StoredBatch()
        batch.rowsWithWarnings = entries.count { !$0.warnings.isEmpty }
        var upserts = entries.map(BeneficiaryUpsert.init)
        // A column the roster does not have says nothing: keep what is on record rather than
        // clearing it (a roster without payment_method must not switch everyone to cash).
        let absent = Set(RosterColumn.allCases.filter { header.index(of: $0) == nil })
        if !absent.isEmpty {
            let stored = try await store.beneficiaries(nationalIDs: upserts.map(\.nationalID))
            for index in upserts.indices {
                guard let row = stored[upserts[index].nationalID] else { continue }
                upserts[index].keepStored(row, for: absent)
            }
        }
        batch.upsert = try await LockedStoreRetry.run { try await store.upsertBeneficiaries(upserts, at: date) }
        let tasks = entries.map { entry in
            VerifyTask(taskID: TaskID.make(kind: TaskKind.verify.rawValue, nationalID: entry.nationalID, period: period),
                       createdAt: date, period: period, beneficiary: .init(entry))
        }
        let done = try await store.recordedVerifications(tasks.map(\.verificationKey))
        batch.alreadyDone = done.count
        batch.messages = tasks.filter { !done.contains($0.taskID) }.map { task in
            VerifyTask.message(task, topology: topology)
        }
        return batch
    }
}

extension RosterImportSummary {
    mutating func add(_ batch: RosterImporter.StoredBatch) {
        inserted += batch.upsert.inserted
        updated += batch.upsert.updated
        unchanged += batch.upsert.unchanged
        alreadyDone += batch.alreadyDone
        rowsWithWarnings += batch.rowsWithWarnings
    }
}

extension VerifyTask {
    /// The AMQP message of a verify task: persistent JSON, `message_id` = task id, key `verify.PROVINCE`.
    public static func message(_ task: VerifyTask, topology: Topology) -> AMQPOutgoingMessage {
        AMQPOutgoingMessage(
            exchange: topology.publishExchange(.verify),
            routingKey: Topology.routingKey(.verify, province: task.beneficiary.provinceCode),
            body: task.encodedJSON(),
            properties: AMQPProperties(contentType: "application/json", messageID: task.taskID, persistent: true,
                                       timestamp: UInt64(task.createdAt.timeIntervalSince1970)))
    }
}

extension VerifyTask.Beneficiary {
    init(_ entry: RosterEntry) {
        self.init(nationalID: entry.nationalID.digits, fullName: entry.fullName, dateOfBirth: entry.dateOfBirth.iso,
                  sex: entry.sex?.rawValue, provinceCode: entry.provinceCode, communeCode: entry.communeCode?.description)
    }
}

extension BeneficiaryUpsert {
    /// Takes the stored values of the columns the roster does not carry.
    mutating func keepStored(_ row: BeneficiaryRow, for absent: Set<RosterColumn>) {
        if absent.contains(.sex) { sex = row.sex }
        if absent.contains(.communeCode) { communeCode = row.communeCode }
        if absent.contains(.phone) { phone = row.phone }
        if absent.contains(.legacyBHXHCode) { legacyBHXHCode = row.legacyBHXHCode }
        if absent.contains(.paymentMethod) {
            paymentMethod = row.paymentMethod
            bankBIN = row.bankBIN
            bankAccount = row.bankAccount
        }
    }

    init(_ entry: RosterEntry) {
        self.init(nationalID: entry.nationalID.digits, fullName: entry.fullName, dateOfBirth: entry.dateOfBirth.iso,
                  sex: entry.sex?.rawValue, provinceCode: entry.provinceCode, communeCode: entry.communeCode?.description,
                  phone: entry.phone, paymentMethod: entry.paymentMethod, bankBIN: entry.bankBIN, bankAccount: entry.bankAccount,
                  legacyBHXHCode: entry.legacyBHXHCode?.digits)
    }
}
