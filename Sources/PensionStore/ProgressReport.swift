/// Verification and payment progress, per province and in total (the `report` command, the progress page).
public struct ProgressReport: Sendable, Equatable, Codable {
    /// Sum over all provinces.
    public var totals: ReportCounts
    /// One line per province code, in code order.
    public var provinces: [ProvinceCounts]

    /// Creates a report.
    public init(totals: ReportCounts, provinces: [ProvinceCounts]) {
        self.totals = totals
        self.provinces = provinces
    }
}
