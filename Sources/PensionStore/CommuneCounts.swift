/// Counts of one commune (5-digit code; `null` for beneficiaries with no commune on record).
public struct CommuneCounts: Sendable, Equatable, Codable {
    /// The commune code, or nil when unknown.
    public var communeCode: String?
    /// The counts.
    public var counts: ReportCounts

    /// Creates a commune line.
    public init(communeCode: String?, counts: ReportCounts) {
        self.communeCode = communeCode
        self.counts = counts
    }

    enum CodingKeys: String, CodingKey { case communeCode = "commune_code" }

    public init(from decoder: any Decoder) throws {
        communeCode = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .communeCode)
        counts = try ReportCounts(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(communeCode, forKey: .communeCode)
        try counts.encode(to: encoder)
    }
}
