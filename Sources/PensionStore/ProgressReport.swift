/// Verification and payment progress, per province and in total (the `report` command, the progress page).
public struct ProgressReport: Sendable, Equatable, Codable {
    /// Sum over all provinces.
    public var totals: ReportCounts
    /// One line per province code, in code order.
    public var provinces: [ProvinceCounts]
    /// Outreach notices sent, by channel (`sms`, `zalo`, `email`, `letter`, `home_visit`).
    public var noticesByChannel: [String: Int]?
    /// Registration decisions by `decision[:reason]` (`registered`, `rejected:card_number`, `review:shared_account` …).
    public var registrationDecisions: [String: Int]?

    /// Creates a report.
    public init(totals: ReportCounts, provinces: [ProvinceCounts], noticesByChannel: [String: Int]? = nil, registrationDecisions: [String: Int]? = nil) {
        self.totals = totals
        self.provinces = provinces
        self.noticesByChannel = noticesByChannel
        self.registrationDecisions = registrationDecisions
    }

    enum CodingKeys: String, CodingKey {
        case totals, provinces
        case noticesByChannel = "notices_by_channel"
        case registrationDecisions = "registration_decisions"
    }
}
