import AMQP
import Foundation
import Logging
import PensionDomain
import PensionStore

/// Sends outreach notices to cash-paid beneficiaries and records every outcome (issue 4).
///
/// Per task: decode (undecodable → park); skip tasks already in `task_log`; check eligibility from the
/// store (deceased, on hold, already paid by bank, opted out, not on record → a `skipped` row, nothing
/// sent); plan channels (preference, contact data, permanent failures in this window, age); then per
/// channel, best first:
///
/// 1. SMS/Zalo in quiet hours → a `deferred` row until the hours end; the task is acked but not done,
///    and ``DeferredNoticeResumer`` puts it back on the queue then (never dropped);
/// 2. claim the notice: a committed `sending` row keyed by the notice id. The database refuses a second
///    `sending`/`sent` notice for the same person and window, whichever worker asks;
/// 3. wait for the channel's rate limit, render, send with the notice id as idempotency key;
/// 4. accepted → `sent` + task done; permanently rejected → `failed` with the reason, next channel;
///    unavailable → retry the task (same notice id, so a replay never sends twice), and after
///    ``OutreachOptions/maxAttempts`` → `failed` (`gateway_unavailable`), task done.
///
/// Home visits need no gateway: the notice is recorded `sent` and appears on the commune's visit list.
/// Letters go to the gateway's letter service, or, with ``OutreachOptions/letterFolder``, to a file
/// per letter for the print room, written durably before the notice is recorded `sent`.
public struct OutreachHandler: TaskHandler {
    public let kind = TaskKind.outreach
    private let store: PensionDatabase
    private let gateway: any NoticeGateway
    private let renderer: NoticeRenderer
    private let limiter: ChannelRateLimiter
    private let options: OutreachOptions
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let metrics = OutreachMetrics()

    /// Creates the handler; `now` is injectable for quiet-hours and window tests.
    public init(store: PensionDatabase, gateway: any NoticeGateway, renderer: NoticeRenderer, limiter: ChannelRateLimiter,
                options: OutreachOptions = OutreachOptions(), logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.gateway = gateway
        self.renderer = renderer
        self.limiter = limiter
        self.options = options
        self.logger = logger
        self.now = now
    }

    public func process(_ deliveries: [AMQPDelivery], attempts: [Int]) async throws -> [TaskDisposition] {
        var dispositions = [TaskDisposition](repeating: .completed, count: deliveries.count)
        var tasks: [(index: Int, task: OutreachTask)] = []
        for (index, delivery) in deliveries.enumerated() {
            switch OutreachTask.decode(delivery.body) {
            case .success(let task): tasks.append((index, task))
            case .failure(let error): dispositions[index] = .park(reason: "undecodable outreach task: \(error)")
            }
        }
        let done = try await store.recordedTaskIDs(tasks.map(\.task.taskID))
        var seen = Set<String>()
        tasks.removeAll { !seen.insert($0.task.taskID).inserted || done.contains($0.task.taskID) }
        if tasks.isEmpty { return dispositions }

        let ids = tasks.map(\.task.nationalID.digits)
        let beneficiaries = try await store.beneficiaries(nationalIDs: ids)
        let preferences = try await store.contactPreferences(nationalIDs: ids)

        try await withThrowingTaskGroup(of: (Int, TaskDisposition).self) { group in
            var next = 0, inFlight = 0
            while next < tasks.count || inFlight > 0 {
                // Keep at most `concurrency` tasks (and so gateway calls) in flight.
                while next < tasks.count, inFlight < max(1, options.concurrency) {
                    let (index, task) = tasks[next]
                    let attempt = attempts[index]
                    let row = beneficiaries[task.nationalID.digits], preference = preferences[task.nationalID.digits]
                    group.addTask { (index, try await self.handle(task, attempt: attempt, beneficiary: row, preference: preference)) }
                    next += 1
                    inFlight += 1
                }
                guard let (index, disposition) = try await group.next() else { break }
                inFlight -= 1
                dispositions[index] = disposition
            }
        }
        return dispositions
    }

    /// One task, start to finish; every state change is committed before it returns.
    func handle(_ task: OutreachTask, attempt: Int, beneficiary: BeneficiaryRow?, preference: ContactPreference?) async throws -> TaskDisposition {
        let date = now()
        let windowKey = options.window.windowKey(for: date)
        let id = task.nationalID.digits
        let metadata: Logger.Metadata = ["task.id": "\(task.taskID)", "beneficiary.id": "\(task.nationalID.masked)"]

        guard let row = beneficiary else {
            try await skip(task, window: windowKey, reason: "not_on_record", at: date)
            return .completed
        }
        let eligibility = OutreachEligibility.check(status: nil, paymentMethod: row.paymentMethod, optedOut: preference?.optedOut ?? false,
                                                    deceased: row.status == .deceased, onHold: row.status == .hold)
        if case .skip(let reason) = eligibility {
            try await skip(task, window: windowKey, reason: reason.rawValue, at: date, province: row.provinceCode)
            return .completed
        }

        let existing = try await store.notices(nationalID: id, campaignWindow: windowKey)
        if existing.contains(where: { $0.state == .sent }) {
            try await store.finishOutreachTask(taskID: task.taskID, outcome: "already_noticed", at: date)
            metrics.record(nil, "already_noticed")
            return .completed
        }
        var failures: [NoticeChannel: ChannelFailure] = [:]
        for notice in existing where notice.state == .failed {
            if let channel = notice.channel, let failure = notice.failure.flatMap(ChannelFailure.init(rawValue:)) {
                failures[channel] = failure
            }
        }
        let profile = ContactProfile(phone: row.phone, zaloAvailable: preference?.zaloAvailable ?? false, email: preference?.email,
                                     postalAddressKnown: preference?.postalAddress != nil, preferredChannel: preference?.preferredChannel,
                                     optedOut: preference?.optedOut ?? false, lastFailures: failures)
        var plan = ChannelPlanner.plan(profile: profile, age: Self.age(dateOfBirth: row.dateOfBirth, at: date), veryOldAge: options.veryOldAge)
        // A notice left `sending` (crash, retry) is finished on its own channel first: same idempotency key.
        if let inFlight = existing.first(where: { $0.state == .sending })?.channel, let position = plan.firstIndex(of: inFlight) {
            plan.insert(plan.remove(at: position), at: 0)
        }
        guard !plan.isEmpty else {
            try await skip(task, window: windowKey, reason: "no_channel", at: date, province: row.provinceCode)
            return .completed
        }

        let context = NoticeTemplateContext(fullName: row.fullName, sex: Sex(rawValue: row.sex ?? ""), action: options.action,
                                            deadline: deadline(for: task.period), officeName: options.officeName,
                                            officePhone: options.officePhone)
        for channel in plan {
            let claim = NoticeClaim(noticeID: NoticeID.make(nationalID: task.nationalID, campaignWindowKey: windowKey, channel: channel),
                                    taskID: task.taskID, nationalID: id, provinceCode: row.provinceCode, period: task.period.description,
                                    channel: channel, campaignWindow: windowKey,
                                    noNoticeSince: date.addingTimeInterval(-options.window.length))
            if channel.isSubjectToQuietHours, options.quietHours.isQuiet(at: date) {
                let until = options.quietHours.nextAllowed(for: channel, after: date)
                try await store.deferNotice(claim, until: until, at: date)
                metrics.record(channel, "deferred")
                logger.debug("notice deferred by quiet hours", metadata: metadata.merging(["notice.id": "\(claim.noticeID)",
                    "notice.channel": "\(channel.rawValue)", "notice.not_before": "\(ISO8601.formatSeconds(until))"]) { a, _ in a })
                return .completed
            }
            switch try await store.claimNotice(claim, at: date) {
            case .taskDone:
                return .completed
            case .alreadySent, .windowTaken:
                try await store.finishOutreachTask(taskID: task.taskID, outcome: "already_noticed", at: date)
                metrics.record(nil, "already_noticed")
                return .completed
            case .claimed:
                break
            }
            if channel == .homeVisit {
                try await store.markNoticeSent(noticeID: claim.noticeID, taskID: task.taskID, gatewayMessageID: nil, segments: nil, at: now())
                metrics.record(channel, "sent")
                return .completed
            }
            let recipient: String
            switch channel {
            case .sms, .zalo: recipient = row.phone ?? ""
            case .email: recipient = preference?.email ?? ""
            case .letter, .homeVisit: recipient = preference?.postalAddress ?? ""
            }
            let rendered = renderer.render(channel, context: context, extra: ["postal_address": preference?.postalAddress ?? ""],
                                           smsVariant: options.smsVariant)
            if channel == .letter, let folder = options.letterFolder {
                // A file for the print room: same notice id, same file, so a retry replaces rather than adds.
                let url = folder.letterURL(period: task.period.description, provinceCode: row.provinceCode,
                                           communeCode: row.communeCode ?? task.communeCode, noticeID: claim.noticeID)
                do {
                    let path = try folder.write(rendered.body, to: url)
                    try await store.markNoticeSent(noticeID: claim.noticeID, taskID: task.taskID, gatewayMessageID: "file:" + path,
                                                   segments: nil, at: now())
                    metrics.record(channel, "sent")
                    return .completed
                } catch let error as OutreachFolderError {
                    metrics.record(channel, "retried")
                    return .retry(reason: "letter not written: \(error.description)")
                }
            }
            let message = NoticeMessage(noticeID: claim.noticeID, channel: channel, recipient: recipient, subject: rendered.subject,
                                        body: rendered.body, encoding: rendered.sms?.encoding, segments: rendered.sms?.segments)
            try await limiter.acquire(channel)
            do {
                let receipt = try await gateway.send(message)
                try await store.markNoticeSent(noticeID: claim.noticeID, taskID: task.taskID, gatewayMessageID: receipt.messageID,
                                               segments: rendered.sms?.segments, at: now())
                metrics.record(channel, "sent")
                return .completed
            } catch let error as NoticeGatewayError {
                switch error.kind {
                case .rejected(let failure):
                    try await store.markNoticeFailed(noticeID: claim.noticeID, taskID: task.taskID, failure: failure.rawValue,
                                                     finishTask: false, at: now())
                    metrics.record(channel, "rejected")
                    logger.info("notice rejected; trying the next channel", metadata: metadata.merging([
                        "notice.id": "\(claim.noticeID)", "notice.channel": "\(channel.rawValue)", "notice.failure": "\(failure.rawValue)",
                    ]) { a, _ in a })
                    continue
                case .unavailable:
                    guard attempt >= options.maxAttempts else {
                        metrics.record(channel, "retried")
                        return .retry(reason: error.description)
                    }
                    try await store.markNoticeFailed(noticeID: claim.noticeID, taskID: task.taskID, failure: "gateway_unavailable",
                                                     finishTask: true, at: now())
                    metrics.record(channel, "failed")
                    logger.warning("notice failed: gateway unavailable after every attempt", metadata: metadata.merging([
                        "notice.id": "\(claim.noticeID)", "notice.channel": "\(channel.rawValue)", "task.attempt": "\(attempt)",
                    ]) { a, _ in a })
                    return .completed
                }
            }
        }
        // Every channel refused for good (a home visit never does, unless switched off).
        try await store.finishOutreachTask(taskID: task.taskID, outcome: "failed", at: now())
        metrics.record(nil, "failed")
        return .completed
    }

    private func skip(_ task: OutreachTask, window: String, reason: String, at date: Date, province: String? = nil) async throws {
        try await store.recordSkippedNotice(taskID: task.taskID, nationalID: task.nationalID.digits, provinceCode: province ?? task.provinceCode,
                                            period: task.period.description, campaignWindow: window, reason: reason, at: date)
        metrics.record(nil, "skipped")
        logger.debug("outreach skipped", metadata: ["task.id": "\(task.taskID)", "outreach.skip": "\(reason)"])
    }

    /// The last day of the month `deadlineMonthsAfterPeriod` months after `period`.
    func deadline(for period: Period) -> PartialDate {
        var target = period
        for _ in 0..<max(0, options.deadlineMonthsAfterPeriod) { target = target.next }
        let days = [31, PartialDate.isLeapYear(target.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][target.month - 1]
        return PartialDate(year: target.year, month: target.month, day: days) ?? PartialDate(year: target.year)!
    }

    /// Whole years from a stored (possibly partial) birth date, at `date` in Vietnam time; nil if unknown.
    static func age(dateOfBirth: String, at date: Date) -> Int? {
        guard let birth = try? PartialDate.parse(dateOfBirth) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: PaymentCalendar.vietnamUTCOffsetSeconds)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        var age = year - birth.year
        if let bm = birth.month, (bm, birth.day ?? 1) > (month, day) { age -= 1 }
        return age
    }
}
