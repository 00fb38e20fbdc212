import Foundation

/// The `pensionpay.outreach.v1` message: urge one cash-paid beneficiary to move to a bank account.
///
/// Emitted as a follow-up when a cash-paid beneficiary is verified; its task id is
/// deterministic per beneficiary and period, so a redelivered verification never doubles it.
public struct OutreachTask: Codable, Sendable, Equatable {
    /// The schema identifier.
    public static let schemaName = "pensionpay.outreach.v1"

    /// `schema`.
    public let schema: String
    /// `task_id`.
    public var taskID: String
    /// `created_at`.
    public var createdAt: Date
    /// `period`.
    public var period: Period
    /// `national_id`.
    public var nationalID: NationalID
    /// `province_code` (paying province, current code).
    public var provinceCode: String
    /// `commune_code`.
    public var communeCode: String?
    /// `reason`, e.g. `verified_cash_paid`.
    public var reason: String

    /// Creates a task.
    public init(taskID: String, createdAt: Date, period: Period, nationalID: NationalID, provinceCode: String, communeCode: String?, reason: String) {
        self.schema = Self.schemaName
        self.taskID = taskID
        self.createdAt = createdAt
        self.period = period
        self.nationalID = nationalID
        self.provinceCode = provinceCode
        self.communeCode = communeCode
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case taskID = "task_id"
        case createdAt = "created_at"
        case period
        case nationalID = "national_id"
        case provinceCode = "province_code"
        case communeCode = "commune_code"
        case reason
    }

    /// The follow-up for a verified beneficiary still paid in cash.
    public static func followUp(nationalID: NationalID, provinceCode: String, communeCode: String?, period: Period, at date: Date) -> OutreachTask {
        OutreachTask(taskID: TaskID.make(kind: "outreach", nationalID: nationalID, period: period), createdAt: date, period: period,
                     nationalID: nationalID, provinceCode: provinceCode, communeCode: communeCode, reason: "verified_cash_paid")
    }

    /// Canonical JSON (sorted keys, ISO-8601 time in whole seconds).
    public func encodedJSON() -> [UInt8] {
        // Byte for byte what `encodedWithJSONEncoder()` writes (tests compare them); the verify
        // worker writes one per verified cash-paid beneficiary, where JSONEncoder showed in profiles.
        var task = JSONObjectWriter(capacity: 280)
        task.field("commune_code", communeCode)
        task.field("created_at", ISO8601.formatSeconds(createdAt))
        task.field("national_id", nationalID.digits)
        task.field("period", period.description)
        task.field("province_code", provinceCode)
        task.field("reason", reason)
        task.field("schema", schema)
        task.field("task_id", taskID)
        return task.finished()
    }

    /// The same document through `JSONEncoder`: the reference ``encodedJSON()`` is tested against.
    func encodedWithJSONEncoder() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array((try? encoder.encode(self)) ?? Data())
    }
}
