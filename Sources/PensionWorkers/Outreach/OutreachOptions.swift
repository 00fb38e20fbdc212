import PensionDomain

/// Settings of ``OutreachHandler``.
public struct OutreachOptions: Sendable {
    /// At most one notice per beneficiary per window (enforced in the database).
    public var window = CampaignWindow()
    /// SMS and Zalo are deferred out of these hours (Vietnam time).
    public var quietHours = QuietHours.vietnamDefault
    /// What the notice asks for.
    public var action = NoticeAction.openAccount
    /// The office named in the notice.
    public var officeName = "Bảo hiểm xã hội cơ sở"
    /// The office's public number.
    public var officePhone = "1900 9068"
    /// The deadline is the last day of the month this many months after the task's period.
    public var deadlineMonthsAfterPeriod = 2
    /// The SMS text to send.
    public var smsVariant = SMSVariant.accented
    /// From this age on, home visit and letter lead the channel plan.
    public var veryOldAge = ChannelPlanner.defaultVeryOldAge
    /// Tasks of one batch handled at once (each makes its own gateway call).
    public var concurrency = 16
    /// Gateway calls per task before the notice is recorded `failed` (`gateway_unavailable`) instead of
    /// retried again; match the retry ladder (rungs + 1) so a task is never parked for an outage.
    public var maxAttempts = 4
    /// When set, printed letters are written here (``OutreachFolder``) for the print room instead of
    /// being sent to the gateway's letter service.
    public var letterFolder: OutreachFolder?

    /// Creates options with defaults.
    public init() {}
}
