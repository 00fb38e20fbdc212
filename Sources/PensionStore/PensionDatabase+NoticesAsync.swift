import Foundation
import PensionDomain

/// `async` forms of the outreach operations: the blocking SQLite work runs off the cooperative pool.
extension PensionDatabase {
    /// See ``claimNotice(_:at:)``.
    public func claimNotice(_ claim: NoticeClaim, at date: Date) async throws -> NoticeClaimResult {
        try await StoreExecutor.run { try self.claimNotice(claim, at: date) }
    }

    /// See ``markNoticeSent(noticeID:taskID:gatewayMessageID:segments:at:)``.
    public func markNoticeSent(noticeID: String, taskID: String, gatewayMessageID: String?, segments: Int?, at date: Date) async throws {
        try await StoreExecutor.run {
            try self.markNoticeSent(noticeID: noticeID, taskID: taskID, gatewayMessageID: gatewayMessageID, segments: segments, at: date)
        }
    }

    /// See ``markNoticeFailed(noticeID:taskID:failure:finishTask:at:)``.
    public func markNoticeFailed(noticeID: String, taskID: String, failure: String, finishTask: Bool, at date: Date) async throws {
        try await StoreExecutor.run {
            try self.markNoticeFailed(noticeID: noticeID, taskID: taskID, failure: failure, finishTask: finishTask, at: date)
        }
    }

    /// See ``deferNotice(_:until:at:)``.
    public func deferNotice(_ claim: NoticeClaim, until notBefore: Date, at date: Date) async throws {
        try await StoreExecutor.run { try self.deferNotice(claim, until: notBefore, at: date) }
    }

    /// See ``recordSkippedNotice(taskID:nationalID:provinceCode:period:campaignWindow:reason:at:)``.
    @discardableResult
    public func recordSkippedNotice(taskID: String, nationalID: String, provinceCode: String, period: String, campaignWindow: String,
                                    reason: String, at date: Date) async throws -> Bool {
        try await StoreExecutor.run {
            try self.recordSkippedNotice(taskID: taskID, nationalID: nationalID, provinceCode: provinceCode, period: period,
                                         campaignWindow: campaignWindow, reason: reason, at: date)
        }
    }

    /// See ``finishOutreachTask(taskID:outcome:at:)``.
    @discardableResult
    public func finishOutreachTask(taskID: String, outcome: String, at date: Date) async throws -> Bool {
        try await StoreExecutor.run { try self.finishOutreachTask(taskID: taskID, outcome: outcome, at: date) }
    }

    /// See ``notices(nationalID:campaignWindow:)``.
    public func notices(nationalID: String, campaignWindow: String) async throws -> [NoticeRow] {
        try await StoreExecutor.run { try self.notices(nationalID: nationalID, campaignWindow: campaignWindow) }
    }

    /// See ``contactPreferences(nationalIDs:)``.
    public func contactPreferences(nationalIDs: [String]) async throws -> [String: ContactPreference] {
        if nationalIDs.isEmpty { return [:] }
        return try await StoreExecutor.run { try self.contactPreferences(nationalIDs: nationalIDs) }
    }

    /// See ``resumeDueNotices(now:exchange:limit:)``.
    @discardableResult
    public func resumeDueNotices(now: Date, exchange: String, limit: Int = 500) async throws -> Int {
        try await StoreExecutor.run { try self.resumeDueNotices(now: now, exchange: exchange, limit: limit) }
    }
}
