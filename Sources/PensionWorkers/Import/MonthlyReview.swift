import AMQP
import Foundation
import PensionDomain
import PensionStore

/// What a monthly review published.
public struct MonthlyReviewSummary: Sendable, Equatable, Codable {
    /// Living beneficiaries scanned.
    public var scanned = 0
    /// `verify` tasks published.
    public var published = 0
    /// Skipped: already verified for this period.
    public var alreadyDone = 0
    /// Skipped: the stored identity cannot make a task (reported, not silently dropped).
    public var unusable = 0

    enum CodingKeys: String, CodingKey {
        case scanned, published, unusable
        case alreadyDone = "already_done"
    }
}

/// `pensionpay review --period P`: a `verify` task for every living beneficiary on record.
///
/// Walks the table by key in pages, publishes each page with confirms (a few pages in flight),
/// and skips tasks already recorded for the period: running it twice creates no new work.
public struct MonthlyReview: Sendable {
    private let store: PensionDatabase
    private let publisher: any AMQPPublishing
    private let topology: Topology
    private let period: Period
    private let pageSize: Int
    private let window: Int
    private let now: @Sendable () -> Date

    /// `publisher` must confirm (a `ReconnectingPublisher`, or a connection with confirms enabled).
    public init(store: PensionDatabase, publisher: any AMQPPublishing, topology: Topology = Topology(), period: Period,
                pageSize: Int = 2000, window: Int = 4, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.publisher = publisher
        self.topology = topology
        self.period = period
        self.pageSize = pageSize
        self.window = window
        self.now = now
    }

    /// Publishes the review; `progress` gets the number scanned so far.
    public func run(progress: @Sendable (Int) -> Void = { _ in }) async throws -> MonthlyReviewSummary {
        var summary = MonthlyReviewSummary()
        // Outcomes a running worker has recorded but not folded yet count as "already done".
        try await store.foldAllOutcomes(at: now())
        var after = ""
        var finished = false
        let published = try await ConfirmWindow.publish(through: publisher, window: window) {
            guard !finished else { return nil }
            let page = try await store.livingBeneficiaries(after: after, limit: pageSize)
            guard let last = page.last else { return nil }
            after = last.nationalID
            finished = page.count < pageSize
            summary.scanned += page.count
            let date = now()
            var tasks: [VerifyTask] = []
            for person in page {
                guard let id = try? NationalID.parse(person.nationalID) else { summary.unusable += 1; continue }
                tasks.append(VerifyTask(
                    taskID: TaskID.make(kind: TaskKind.verify.rawValue, nationalID: id, period: period), createdAt: date, period: period,
                    beneficiary: person))
            }
            let done = try await store.recordedVerifications(tasks.map(\.verificationKey))
            summary.alreadyDone += done.count
            progress(summary.scanned)
            return tasks.filter { !done.contains($0.taskID) }.map { VerifyTask.message($0, topology: topology) }
        }
        summary.published = published
        return summary
    }
}
