import AMQP
import Foundation
import PensionDomain
import PensionStore

/// What `pensionpay outreach plan` published.
public struct OutreachPlanSummary: Sendable, Equatable, Codable {
    /// Active, verified, cash-paid beneficiaries found.
    public var targets = 0
    /// `outreach` tasks published.
    public var published = 0
    /// Skipped: the task for this period is already done.
    public var alreadyDone = 0

    enum CodingKeys: String, CodingKey {
        case targets, published
        case alreadyDone = "already_done"
    }
}

/// `pensionpay outreach plan --period P`: an `outreach` task for every verified, cash-paid, active
/// beneficiary. Task ids are the verify follow-up's (`TaskID.make("outreach", id, period)`), so a plan
/// and the follow-ups of the same period never double the work, and running the plan twice neither.
public struct OutreachPlan: Sendable {
    private let store: PensionDatabase
    private let publisher: any AMQPPublishing
    private let topology: Topology
    private let period: Period
    private let pageSize: Int
    private let now: @Sendable () -> Date

    /// `publisher` must confirm (a `ReconnectingPublisher`, or a connection with confirms enabled).
    public init(store: PensionDatabase, publisher: any AMQPPublishing, topology: Topology = Topology(), period: Period,
                pageSize: Int = 2000, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.publisher = publisher
        self.topology = topology
        self.period = period
        self.pageSize = pageSize
        self.now = now
    }

    /// Publishes the plan, page by page with confirms.
    public func run() async throws -> OutreachPlanSummary {
        var summary = OutreachPlanSummary()
        // Targets are chosen by the latest outcome: take in what running workers have not folded yet.
        try await store.foldAllOutcomes(at: now())
        var after = ""
        while true {
            let page = try await store.outreachTargets(after: after, limit: pageSize)
            guard let last = page.last else { break }
            after = last.nationalID
            summary.targets += page.count
            let date = now()
            let tasks = page.compactMap { row -> OutreachTask? in
                guard let id = try? NationalID.parse(row.nationalID) else { return nil }
                return .followUp(nationalID: id, provinceCode: row.provinceCode, communeCode: row.communeCode, period: period, at: date)
            }
            let done = try await store.recordedTaskIDs(tasks.map(\.taskID))
            summary.alreadyDone += done.count
            let messages = tasks.filter { !done.contains($0.taskID) }.map { Self.message($0, topology: topology) }
            if !messages.isEmpty { try await publisher.publish(messages) }
            summary.published += messages.count
            if page.count < pageSize { break }
        }
        return summary
    }

    /// The AMQP message of a task: persistent JSON, `message_id` = task id, key `outreach.PROVINCE`.
    public static func message(_ task: OutreachTask, topology: Topology) -> AMQPOutgoingMessage {
        AMQPOutgoingMessage(exchange: topology.publishExchange(.outreach), routingKey: Topology.routingKey(.outreach, province: task.provinceCode),
                            body: task.encodedJSON(),
                            properties: AMQPProperties(contentType: "application/json", messageID: task.taskID, persistent: true))
    }
}
