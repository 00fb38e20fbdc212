import Foundation

extension RegistrationRequest {
    /// Decodes the HTTP endpoint's JSON body, with the same failure classes as `TaskDecoder`
    /// (`too_large`, `invalid_utf8`, `malformed_json`, `missing_field`, `invalid_field`); the error names
    /// the field but never its value.
    public static func decodeJSON(_ body: [UInt8], maxBytes: Int = 16_384) -> Result<RegistrationRequest, TaskDecodeError> {
        guard body.count <= maxBytes else {
            return .failure(TaskDecodeError(code: .tooLarge, message: "the body has \(body.count) bytes, more than \(maxBytes)"))
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            return .failure(TaskDecodeError(code: .invalidUTF8, message: "the body is not valid UTF-8"))
        }
        let wire: WireRegistrationRequest
        do {
            wire = try JSONDecoder().decode(WireRegistrationRequest.self, from: Data(body))
        } catch let error as DecodingError {
            return .failure(TaskDecoder.classify(error))
        } catch {
            return .failure(TaskDecodeError(code: .malformedJSON, message: "the body is not a JSON object"))
        }
        return wire.validated().mapError { $0.taskDecodeError(prefix: "") }
    }
}

extension WireRegistrationRequest.Issue {
    /// The issue as a `TaskDecodeError` for the field path `prefix + field`.
    func taskDecodeError(prefix: String) -> TaskDecodeError {
        switch self {
        case .missing(let field):
            return .missing(prefix + field)
        case .invalid(let error):
            let path = prefix + error.field
            return TaskDecodeError(code: .invalidField, field: path, message: "field \(path): \(error.message)")
        }
    }
}
