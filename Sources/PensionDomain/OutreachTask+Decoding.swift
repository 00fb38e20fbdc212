import Foundation

extension OutreachTask {
    /// Decodes a `pensionpay.outreach.v1` body; every failure is classified, so the worker can park it
    /// with a reason that quotes no values.
    public static func decode(_ body: [UInt8], maxBytes: Int = 65_536) -> Result<OutreachTask, TaskDecodeError> {
        guard body.count <= maxBytes else {
            return .failure(TaskDecodeError(code: .tooLarge, message: "the body has \(body.count) bytes, more than \(maxBytes)"))
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            return .failure(TaskDecodeError(code: .invalidUTF8, message: "the body is not valid UTF-8"))
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let task: OutreachTask
        do {
            task = try decoder.decode(OutreachTask.self, from: Data(body))
        } catch let error as DecodingError {
            return .failure(TaskDecoder.classify(error))
        } catch {
            return .failure(TaskDecodeError(code: .malformedJSON, message: "the body is not a JSON object"))
        }
        guard task.schema == schemaName else {
            return .failure(TaskDecodeError(code: .unknownSchema, field: "schema", message: "expected \(schemaName)"))
        }
        guard !task.taskID.isEmpty, task.taskID.utf8.count <= 200 else { return .failure(.invalid("task_id", "must be 1 to 200 bytes")) }
        guard !UnicodeText.containsControlCharacter(task.taskID) else { return .failure(.invalid("task_id", "contains a control character")) }
        guard task.provinceCode.utf8.count == 2, UnicodeText.isASCIIDigits(task.provinceCode) else {
            return .failure(.invalid("province_code", "must be two digits"))
        }
        return .success(task)
    }
}
