import Foundation

/// The lenient first pass over a register message, so that missing and invalid fields are
/// reported per field (`request.bank_bin`) before the strict `RegisterTask` is built.
struct WireRegisterTask: Decodable {
    var schema: String?
    var taskID: String?
    var createdAt: String?
    var request: WireRegistrationRequest?
    var traceID: String?

    typealias CodingKeys = RegisterTask.CodingKeys

    /// Checks the envelope, then the request fields; `requested_at` must carry its zone on the wire
    /// (the local-time forms are for CSV intake only).
    func validated() -> Result<RegisterTask, TaskDecodeError> {
        guard let schema else { return .failure(.missing("schema")) }
        guard schema == RegisterTask.schemaName else {
            return .failure(TaskDecodeError(code: .unknownSchema, field: "schema",
                                            message: "schema is not \(RegisterTask.schemaName)"))
        }
        guard let taskID else { return .failure(.missing("task_id")) }
        guard !UnicodeText.trimmed(taskID).isEmpty else { return .failure(.invalid("task_id", "is empty")) }
        guard !UnicodeText.containsControlCharacter(taskID) else { return .failure(.invalid("task_id", "contains a control character")) }
        guard taskID.count <= RegisterTask.maxTaskIDLength else {
            return .failure(.invalid("task_id", "is longer than \(RegisterTask.maxTaskIDLength) characters"))
        }
        guard let createdAtRaw = createdAt else { return .failure(.missing("created_at")) }
        guard let created = ISO8601.parse(createdAtRaw) else {
            return .failure(.invalid("created_at", "is not an ISO-8601 instant such as 2026-11-26T12:00:00Z"))
        }
        guard let request else { return .failure(.missing("request")) }
        if let rawTime = request.requestedAt, !UnicodeText.trimmed(rawTime).isEmpty, ISO8601.parse(rawTime) == nil {
            return .failure(.invalid("request.requested_at", "is not an ISO-8601 instant such as 2026-11-20T03:15:00Z"))
        }
        switch request.validated() {
        case .failure(let issue):
            return .failure(issue.taskDecodeError(prefix: "request."))
        case .success(let parsed):
            return .success(RegisterTask(taskID: taskID, createdAt: created, request: parsed, traceID: traceID))
        }
    }
}
