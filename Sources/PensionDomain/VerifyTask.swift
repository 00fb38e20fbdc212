import Foundation

/// The `pensionpay.verify.v1` message: verify one beneficiary against the registry for a period.
///
/// Beneficiary values stay raw strings on purpose: a task with a malformed ID or date must still
/// decode, so the worker can record it as an `invalid` outcome instead of parking an opaque message.
public struct VerifyTask: Codable, Sendable, Equatable {
    /// The schema identifier this type reads and writes.
    public static let schemaName = "pensionpay.verify.v1"

    /// Longest accepted `task_id`, to keep keys and log lines bounded.
    public static let maxTaskIDLength = 200

    /// The beneficiary as sent, unvalidated.
    public struct Beneficiary: Codable, Sendable, Equatable {
        /// `national_id`: expected to be 12 digits; checked by the worker.
        public var nationalID: String
        /// `full_name`.
        public var fullName: String
        /// `date_of_birth`, any `PartialDate` form.
        public var dateOfBirth: String?
        /// `sex`, any `Sex(parsing:)` form.
        public var sex: String?
        /// `province_code`, current or legacy.
        public var provinceCode: String
        /// `commune_code`, 5 digits.
        public var communeCode: String?

        /// Creates a beneficiary block.
        public init(nationalID: String, fullName: String, dateOfBirth: String? = nil, sex: String? = nil,
                    provinceCode: String, communeCode: String? = nil) {
            self.nationalID = nationalID
            self.fullName = fullName
            self.dateOfBirth = dateOfBirth
            self.sex = sex
            self.provinceCode = provinceCode
            self.communeCode = communeCode
        }

        enum CodingKeys: String, CodingKey {
            case nationalID = "national_id"
            case fullName = "full_name"
            case dateOfBirth = "date_of_birth"
            case sex
            case provinceCode = "province_code"
            case communeCode = "commune_code"
        }

        /// Validates the raw values into a claim; the error is suitable as an `invalid` reason.
        ///
        /// Empty or white-space-only date and sex count as unknown, not as errors.
        public func identityClaim() throws(FieldError) -> IdentityClaim {
            let id: NationalID
            do {
                id = try NationalID.parse(nationalID)
            } catch {
                throw FieldError(field: "national_id", message: error.message)
            }
            let name = PersonName.normalized(fullName)
            guard !name.isEmpty else { throw FieldError(field: "full_name", message: "the full name is empty") }
            var birth: PartialDate?
            if let dateOfBirth, !UnicodeText.trimmed(dateOfBirth).isEmpty {
                birth = try PartialDate.parse(dateOfBirth, field: "date_of_birth")
            }
            var parsedSex: Sex?
            if let sex, !UnicodeText.trimmed(sex).isEmpty {
                guard let value = Sex(parsing: sex) else {
                    throw FieldError(field: "sex", message: "expected M/F, nam/nữ or male/female")
                }
                parsedSex = value
            }
            return IdentityClaim(nationalID: id, fullName: name, dateOfBirth: birth, sex: parsedSex)
        }
    }

    /// Always `VerifyTask.schemaName`.
    public let schema: String
    /// `task_id`: non-empty, at most 200 characters; usually `TaskID.make`.
    public var taskID: String
    /// `created_at`, as an ISO-8601 instant.
    public var createdAt: Date
    /// `period`: the payment month being verified.
    public var period: Period
    /// `beneficiary`.
    public var beneficiary: Beneficiary
    /// `trace_id`, for correlating logs across workers.
    public var traceID: String?

    /// Creates a task of the current schema.
    public init(taskID: String, createdAt: Date, period: Period, beneficiary: Beneficiary, traceID: String? = nil) {
        self.schema = VerifyTask.schemaName
        self.taskID = taskID
        self.createdAt = createdAt
        self.period = period
        self.beneficiary = beneficiary
        self.traceID = traceID
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case taskID = "task_id"
        case createdAt = "created_at"
        case period
        case beneficiary
        case traceID = "trace_id"
    }

    /// Decodes and validates like `TaskDecoder.decodeVerify`, reporting failures as `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let wire = try WireVerifyTask(from: decoder)
        switch wire.validated() {
        case .success(let task): self = task
        case .failure(let error):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes with the wire keys; `created_at` as ISO-8601 (fractional seconds only when present).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(ISO8601.format(createdAt), forKey: .createdAt)
        try container.encode(period, forKey: .period)
        try container.encode(beneficiary, forKey: .beneficiary)
        try container.encodeIfPresent(traceID, forKey: .traceID)
    }

    /// The UTF-8 JSON body with sorted keys, so equal tasks give byte-equal messages.
    public func encodedJSON() -> [UInt8] {
        // Byte for byte what JSONEncoder (.sortedKeys, .withoutEscapingSlashes) writes for this type,
        // at a fraction of the cost; keys in sorted order.
        var person = JSONObjectWriter(capacity: 160)
        person.field("commune_code", beneficiary.communeCode)
        person.field("date_of_birth", beneficiary.dateOfBirth)
        person.field("full_name", beneficiary.fullName)
        person.field("national_id", beneficiary.nationalID)
        person.field("province_code", beneficiary.provinceCode)
        person.field("sex", beneficiary.sex)
        var task = JSONObjectWriter(capacity: 320)
        task.field("beneficiary", object: person)
        task.field("created_at", ISO8601.format(createdAt))
        task.field("period", period.description)
        task.field("schema", schema)
        task.field("task_id", taskID)
        task.field("trace_id", traceID)
        return task.finished()
    }

    /// The same document through `JSONEncoder`: the reference ``encodedJSON()`` is tested against.
    func encodedWithJSONEncoder() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only strings and nested string objects are encoded, which cannot fail.
        return Array(try! encoder.encode(self))
    }
}
