import Foundation
import PensionDomain

/// A notice about to be sent (or deferred) on one channel: the input of
/// ``PensionDatabase/claimNotice(_:at:)`` and ``PensionDatabase/deferNotice(_:until:at:)``.
public struct NoticeClaim: Sendable, Equatable {
    /// ``NoticeID`` for (beneficiary, window, channel).
    public var noticeID: String
    /// The outreach task.
    public var taskID: String
    /// 12-digit ID.
    public var nationalID: String
    /// Paying province.
    public var provinceCode: String
    /// `YYYY-MM`.
    public var period: String
    /// The channel.
    public var channel: NoticeChannel
    /// The campaign window key.
    public var campaignWindow: String
    /// The rolling rule: a notice delivered after this instant (in any window) refuses the claim,
    /// so two notices are never closer than one window length. `nil` checks the window key only.
    public var noNoticeSince: Date?

    /// Creates a claim.
    public init(noticeID: String, taskID: String, nationalID: String, provinceCode: String, period: String,
                channel: NoticeChannel, campaignWindow: String, noNoticeSince: Date? = nil) {
        self.noticeID = noticeID
        self.taskID = taskID
        self.nationalID = nationalID
        self.provinceCode = provinceCode
        self.period = period
        self.channel = channel
        self.campaignWindow = campaignWindow
        self.noNoticeSince = noNoticeSince
    }
}
