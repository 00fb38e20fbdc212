import Foundation

extension TaskDecoder {
    /// Decodes a `pensionpay.register.v1` body, with the same checks and error classes as `decodeVerify`:
    /// size, UTF-8, JSON syntax, schema, envelope, then the request's fields (paths `request.<field>`).
    public static func decodeRegister(_ body: [UInt8], maxBytes: Int = 65_536) -> Result<RegisterTask, TaskDecodeError> {
        guard body.count <= maxBytes else {
            return .failure(TaskDecodeError(code: .tooLarge, message: "the body has \(body.count) bytes, more than \(maxBytes)"))
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            return .failure(TaskDecodeError(code: .invalidUTF8, message: "the body is not valid UTF-8"))
        }
        let wire: WireRegisterTask
        do {
            wire = try JSONDecoder().decode(WireRegisterTask.self, from: Data(body))
        } catch let error as DecodingError {
            return .failure(classify(error))
        } catch {
            return .failure(TaskDecodeError(code: .malformedJSON, message: "the body is not a JSON object"))
        }
        return wire.validated()
    }
}
