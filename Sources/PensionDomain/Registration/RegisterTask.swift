import Crypto
import Foundation

/// The `pensionpay.register.v1` message: decide one bank-account registration request.
///
/// The request is validated at intake and again on decoding, so a task that decodes is well-formed;
/// bank, account and name rules are applied by the worker (`RegistrationRules`).
public struct RegisterTask: Codable, Sendable, Equatable {
    /// The schema identifier this type reads and writes.
    public static let schemaName = "pensionpay.register.v1"
    /// The task kind, also the prefix of derived task IDs.
    public static let kind = "register"
    /// Longest accepted `task_id`.
    public static let maxTaskIDLength = 200

    /// Always `RegisterTask.schemaName`.
    public let schema: String
    /// `task_id`: non-empty, at most 200 characters; usually `RegisterTask.taskID(for:)`.
    public var taskID: String
    /// `created_at`, as an ISO-8601 instant.
    public var createdAt: Date
    /// `request`: the registration request, in its JSON form.
    public var request: RegistrationRequest
    /// `trace_id`, for correlating logs across workers.
    public var traceID: String?

    /// Creates a task with an explicit ID.
    public init(taskID: String, createdAt: Date, request: RegistrationRequest, traceID: String? = nil) {
        self.schema = RegisterTask.schemaName
        self.taskID = taskID
        self.createdAt = createdAt
        self.request = request
        self.traceID = traceID
    }

    /// Creates a task with the deterministic ID `RegisterTask.taskID(for: request)`.
    public init(request: RegistrationRequest, createdAt: Date, traceID: String? = nil) {
        self.init(taskID: RegisterTask.taskID(for: request), createdAt: createdAt, request: request, traceID: traceID)
    }

    /// `register-` + the first 32 hex characters of SHA-256(`national_id|bank_bin|bank_account|requested_at`),
    /// with the normalised account and `requested_at` as an ISO-8601 UTC instant.
    ///
    /// The same request imported twice (CSV and HTTP, or a re-run import) gets the same ID, so the
    /// store deduplicates it; ID and account only enter through the hash, so the ID is safe to log.
    public static func taskID(for request: RegistrationRequest) -> String {
        let material = "\(request.nationalID.digits)|\(request.bankBIN)|\(request.bankAccount)|\(ISO8601.format(request.requestedAt))"
        let digest = SHA256.hash(data: Data(material.utf8))
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in digest.prefix(16) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return "\(kind)-" + String(decoding: hex, as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case taskID = "task_id"
        case createdAt = "created_at"
        case request
        case traceID = "trace_id"
    }

    /// Decodes and validates like `TaskDecoder.decodeRegister`, reporting failures as `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let wire = try WireRegisterTask(from: decoder)
        switch wire.validated() {
        case .success(let task): self = task
        case .failure(let error):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes with the wire keys; `created_at` as ISO-8601.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(ISO8601.format(createdAt), forKey: .createdAt)
        try container.encode(request, forKey: .request)
        try container.encodeIfPresent(traceID, forKey: .traceID)
    }

    /// The UTF-8 JSON body with sorted keys, so equal tasks give byte-equal messages.
    public func encodedJSON() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only strings and nested string objects are encoded, which cannot fail.
        return Array(try! encoder.encode(self))
    }
}
