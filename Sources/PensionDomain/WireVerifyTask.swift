import Foundation

/// The lenient first pass over a verify message: every field optional, so that "missing" and
/// "invalid" can be told apart and reported per field before the strict `VerifyTask` is built.
struct WireVerifyTask: Decodable, Equatable {
    struct Beneficiary: Decodable, Equatable {
        var nationalID: String?
        var fullName: String?
        var dateOfBirth: String?
        var sex: String?
        var provinceCode: String?
        var communeCode: String?

        enum CodingKeys: String, CodingKey {
            case nationalID = "national_id"
            case fullName = "full_name"
            case dateOfBirth = "date_of_birth"
            case sex
            case provinceCode = "province_code"
            case communeCode = "commune_code"
        }
    }

    var schema: String?
    var taskID: String?
    var createdAt: String?
    var period: String?
    var beneficiary: Beneficiary?
    var traceID: String?

    enum CodingKeys: String, CodingKey {
        case schema
        case taskID = "task_id"
        case createdAt = "created_at"
        case period
        case beneficiary
        case traceID = "trace_id"
    }

    /// Checks the envelope rules; content validity of ID, name, date and sex is left to the worker.
    func validated() -> Result<VerifyTask, TaskDecodeError> {
        guard let schema else { return .failure(.missing("schema")) }
        guard schema == VerifyTask.schemaName else {
            return .failure(TaskDecodeError(code: .unknownSchema, field: "schema",
                                            message: "schema is not \(VerifyTask.schemaName)"))
        }
        guard let taskID else { return .failure(.missing("task_id")) }
        guard !UnicodeText.trimmed(taskID).isEmpty else { return .failure(.invalid("task_id", "is empty")) }
        guard !UnicodeText.containsControlCharacter(taskID) else { return .failure(.invalid("task_id", "contains a control character")) }
        guard taskID.count <= VerifyTask.maxTaskIDLength else {
            return .failure(.invalid("task_id", "is longer than \(VerifyTask.maxTaskIDLength) characters"))
        }
        guard let createdAtRaw = createdAt else { return .failure(.missing("created_at")) }
        guard let created = ISO8601.parse(createdAtRaw) else {
            return .failure(.invalid("created_at", "is not an ISO-8601 instant such as 2026-11-26T12:00:00Z"))
        }
        guard let periodRaw = period else { return .failure(.missing("period")) }
        let parsedPeriod: Period
        do {
            parsedPeriod = try Period.parse(periodRaw)
        } catch {
            return .failure(.invalid("period", "is not a YYYY-MM period"))
        }
        guard let beneficiary else { return .failure(.missing("beneficiary")) }
        guard let nationalID = beneficiary.nationalID else { return .failure(.missing("beneficiary.national_id")) }
        guard let fullName = beneficiary.fullName else { return .failure(.missing("beneficiary.full_name")) }
        guard let provinceCode = beneficiary.provinceCode else { return .failure(.missing("beneficiary.province_code")) }
        var task = VerifyTask(
            taskID: taskID,
            createdAt: created,
            period: parsedPeriod,
            beneficiary: VerifyTask.Beneficiary(
                nationalID: nationalID, fullName: fullName, dateOfBirth: beneficiary.dateOfBirth,
                sex: beneficiary.sex, provinceCode: provinceCode, communeCode: beneficiary.communeCode
            )
        )
        task.traceID = traceID
        return .success(task)
    }
}
