import AMQP
import Foundation
import PensionDomain
import PensionStore

/// What a registration import did.
public struct RegistrationImportSummary: Sendable, Equatable, Codable {
    /// Data rows read (header excluded).
    public var rows = 0
    /// `register` tasks published (and confirmed by the broker).
    public var published = 0
    /// Requests not published because they already have a decision (same task ID).
    public var alreadyDone = 0
    /// Rows rejected (see the rejects file).
    public var rejected = 0
    /// Where rejected rows were written, if any.
    public var rejectsPath: String?
    /// Set when the file could not be read to its end.
    public var stoppedEarly: String?

    enum CodingKeys: String, CodingKey {
        case rows, published, rejected
        case alreadyDone = "already_done", rejectsPath = "rejects_path", stoppedEarly = "stopped_early"
    }
}

/// Streams a registration-request CSV (`national_id, bank_bin, bank_account, holder_name,
/// authorised_holder_id, authorisation_expires, channel, requested_at`) and publishes one `register`
/// task per usable row, with publisher confirms.
///
/// Rows are validated for form only (`RegistrationRowParser`); bank, account and name rules are the
/// worker's decisions, recorded with a reason. A row is also rejected when its beneficiary is not on
/// record on this node (there is no province to route it by) or repeats an earlier row's request.
/// The routing key is `register.<province the beneficiary is paid in>`. Task IDs are deterministic
/// (`RegisterTask.taskID(for:)`), so importing a file twice creates no new work.
public struct RegistrationImporter: Sendable {
    private let store: PensionDatabase
    private let publisher: any AMQPPublishing
    private let topology: Topology
    private let batchSize: Int
    private let now: @Sendable () -> Date

    /// `publisher` must confirm (a `ReconnectingPublisher`, or a connection with confirms enabled).
    public init(store: PensionDatabase, publisher: any AMQPPublishing, topology: Topology = Topology(), batchSize: Int = 1000,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.publisher = publisher
        self.topology = topology
        self.batchSize = batchSize
        self.now = now
    }

    /// Imports `path`; unusable rows go to `rejectsPath` with their line number and reason.
    public func run(path: String, rejectsPath: String, progress: @Sendable (Int) -> Void = { _ in }) async throws -> RegistrationImportSummary {
        let source = try CSVImportSource<RegistrationColumn>(path: path, rejectsPath: rejectsPath)
        defer { try? source.close() }
        var summary = RegistrationImportSummary()
        var seen = Set<String>()
        while let records = try source.next(max: batchSize) {
            summary.rows += records.count
            var parsed: [(record: CSVRecord, request: RegistrationRequest)] = []
            for record in records {
                switch RegistrationRowParser.parse(record, header: source.header) {
                case .success(let request):
                    guard seen.insert(RegisterTask.taskID(for: request)).inserted else {
                        try source.reject(RosterRowError(line: record.line, field: "row",
                                                         message: "the same request appears on an earlier line of the file; this row was skipped"),
                                          fields: record.fields)
                        continue
                    }
                    parsed.append((record, request))
                case .failure(let error):
                    try source.reject(error, fields: record.fields)
                }
            }
            let beneficiaries = try await store.beneficiaries(nationalIDs: parsed.map(\.request.nationalID.digits))
            let date = now()
            var tasks: [(task: RegisterTask, province: String)] = []
            for (record, request) in parsed {
                guard let row = beneficiaries[request.nationalID.digits] else {
                    try source.reject(RosterRowError(line: record.line, field: "national_id",
                                                     message: "no beneficiary with this ID is on record on this node; import the roster first"),
                                      fields: record.fields)
                    continue
                }
                tasks.append((RegisterTask(request: request, createdAt: date), row.provinceCode))
            }
            let done = try await store.recordedTaskIDs(tasks.map(\.task.taskID))
            summary.alreadyDone += done.count
            let messages = tasks.filter { !done.contains($0.task.taskID) }.map { RegisterTask.message($0.task, province: $0.province, topology: topology) }
            if !messages.isEmpty {
                try await publisher.publish(messages)
                summary.published += messages.count
            }
            progress(summary.rows)
        }
        summary.rejected = source.rejects.count
        summary.stoppedEarly = source.stoppedEarly
        summary.rejectsPath = source.rejectsPathIfAny
        return summary
    }
}

extension RegisterTask {
    /// The AMQP message of a register task: persistent JSON, `message_id` = task id, key `register.PROVINCE`.
    public static func message(_ task: RegisterTask, province: String, topology: Topology) -> AMQPOutgoingMessage {
        AMQPOutgoingMessage(
            exchange: topology.publishExchange(.register),
            routingKey: Topology.routingKey(.register, province: province),
            body: task.encodedJSON(),
            properties: AMQPProperties(contentType: "application/json", messageID: task.taskID, persistent: true,
                                       timestamp: UInt64(task.createdAt.timeIntervalSince1970)))
    }
}
