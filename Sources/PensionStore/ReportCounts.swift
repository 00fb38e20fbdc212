/// Counts of beneficiaries, each counted once by its latest outcome. JSON keys are snake_case.
public struct ReportCounts: Sendable, Equatable, Codable {
    /// Everyone on record.
    public var beneficiaries: Int
    /// Latest outcome "verified".
    public var verified: Int
    /// Latest outcome "mismatch".
    public var mismatch: Int
    /// Latest outcome "not_found".
    public var notFound: Int
    /// Latest outcome "deceased".
    public var deceased: Int
    /// Latest outcome "invalid".
    public var invalid: Int
    /// No outcome yet.
    public var unverified: Int
    /// Status "hold" now.
    public var onHold: Int
    /// Paid into a bank account.
    public var paidByBank: Int
    /// Paid in cash.
    public var paidInCash: Int
    /// With a bank account registered by the register worker (switched, or switching from a later period).
    public var registered: Int
    /// Beneficiaries sent at least one outreach notice (any channel, any window).
    public var noticesSent: Int

    /// Creates counts, zero by default.
    public init(
        beneficiaries: Int = 0, verified: Int = 0, mismatch: Int = 0, notFound: Int = 0, deceased: Int = 0,
        invalid: Int = 0, unverified: Int = 0, onHold: Int = 0, paidByBank: Int = 0, paidInCash: Int = 0,
        registered: Int = 0, noticesSent: Int = 0
    ) {
        self.beneficiaries = beneficiaries
        self.verified = verified
        self.mismatch = mismatch
        self.notFound = notFound
        self.deceased = deceased
        self.invalid = invalid
        self.unverified = unverified
        self.onHold = onHold
        self.paidByBank = paidByBank
        self.paidInCash = paidInCash
        self.registered = registered
        self.noticesSent = noticesSent
    }

    /// Explicit keys, so the JSON does not depend on an encoder's key strategy.
    enum CodingKeys: String, CodingKey {
        case beneficiaries, verified, mismatch, deceased, invalid, unverified, registered
        case notFound = "not_found"
        case onHold = "on_hold"
        case paidByBank = "paid_by_bank"
        case paidInCash = "paid_in_cash"
        case noticesSent = "notices_sent"
    }

    /// Field-wise sum, for totals across provinces (or across node files).
    public static func + (lhs: ReportCounts, rhs: ReportCounts) -> ReportCounts {
        ReportCounts(
            beneficiaries: lhs.beneficiaries + rhs.beneficiaries, verified: lhs.verified + rhs.verified,
            mismatch: lhs.mismatch + rhs.mismatch, notFound: lhs.notFound + rhs.notFound,
            deceased: lhs.deceased + rhs.deceased, invalid: lhs.invalid + rhs.invalid,
            unverified: lhs.unverified + rhs.unverified, onHold: lhs.onHold + rhs.onHold,
            paidByBank: lhs.paidByBank + rhs.paidByBank, paidInCash: lhs.paidInCash + rhs.paidInCash,
            registered: lhs.registered + rhs.registered, noticesSent: lhs.noticesSent + rhs.noticesSent)
    }

    /// Decodes the JSON form; `registered` (added with schema v2) may be absent in older reports.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            beneficiaries: try container.decode(Int.self, forKey: .beneficiaries),
            verified: try container.decode(Int.self, forKey: .verified),
            mismatch: try container.decode(Int.self, forKey: .mismatch),
            notFound: try container.decode(Int.self, forKey: .notFound),
            deceased: try container.decode(Int.self, forKey: .deceased),
            invalid: try container.decode(Int.self, forKey: .invalid),
            unverified: try container.decode(Int.self, forKey: .unverified),
            onHold: try container.decode(Int.self, forKey: .onHold),
            paidByBank: try container.decode(Int.self, forKey: .paidByBank),
            paidInCash: try container.decode(Int.self, forKey: .paidInCash),
            registered: try container.decodeIfPresent(Int.self, forKey: .registered) ?? 0,
            noticesSent: try container.decodeIfPresent(Int.self, forKey: .noticesSent) ?? 0)
    }
}
