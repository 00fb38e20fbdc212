import Foundation
import PensionDomain

/// One row of `notices`.
public struct NoticeRow: Sendable, Equatable {
    /// `notice_id` (``NoticeID``; `skipped-<task id>` for skipped tasks).
    public var noticeID: String
    /// The outreach task that produced it.
    public var taskID: String
    /// 12-digit ID of the beneficiary.
    public var nationalID: String
    /// Paying province.
    public var provinceCode: String
    /// The task's period (`YYYY-MM`).
    public var period: String
    /// The channel (nil for skipped tasks).
    public var channel: NoticeChannel?
    /// The campaign window key (``CampaignWindow/windowKey(for:)``).
    public var campaignWindow: String
    /// The state.
    public var state: NoticeState
    /// The gateway's message id once sent.
    public var gatewayMessageID: String?
    /// SMS parts billed, for SMS.
    public var segments: Int?
    /// Why it failed or was skipped (a code, never personal data).
    public var failure: String?
    /// For deferred notices: the earliest time it may go out.
    public var notBefore: Date?
    /// Gateway calls made for it.
    public var attempts: Int
    /// When the row was first stored.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// Creates a row.
    public init(noticeID: String, taskID: String, nationalID: String, provinceCode: String, period: String, channel: NoticeChannel?,
                campaignWindow: String, state: NoticeState, gatewayMessageID: String? = nil, segments: Int? = nil,
                failure: String? = nil, notBefore: Date? = nil, attempts: Int = 0, createdAt: Date, updatedAt: Date) {
        self.noticeID = noticeID
        self.taskID = taskID
        self.nationalID = nationalID
        self.provinceCode = provinceCode
        self.period = period
        self.channel = channel
        self.campaignWindow = campaignWindow
        self.state = state
        self.gatewayMessageID = gatewayMessageID
        self.segments = segments
        self.failure = failure
        self.notBefore = notBefore
        self.attempts = attempts
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
