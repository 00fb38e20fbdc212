/// One province's line of the progress report: its code plus the counts, flat in JSON.
public struct ProvinceCounts: Sendable, Equatable, Codable {
    /// 2-digit province code; JSON key `province_code`.
    public var provinceCode: String
    /// The province's counts.
    public var counts: ReportCounts
    /// Per commune within the province, when the report was asked for communes.
    public var communes: [CommuneCounts]?

    /// Creates a province line.
    public init(provinceCode: String, counts: ReportCounts, communes: [CommuneCounts]? = nil) {
        self.provinceCode = provinceCode
        self.counts = counts
        self.communes = communes
    }

    enum CodingKeys: String, CodingKey {
        case provinceCode = "province_code"
        case communes
    }

    /// Decodes `{"province_code": "79", "beneficiaries": …}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        provinceCode = try container.decode(String.self, forKey: .provinceCode)
        communes = try container.decodeIfPresent([CommuneCounts].self, forKey: .communes)
        counts = try ReportCounts(from: decoder)
    }

    /// Encodes flat: the code beside the counts, as the progress page expects.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(provinceCode, forKey: .provinceCode)
        try container.encodeIfPresent(communes, forKey: .communes)
        try counts.encode(to: encoder)
    }
}
