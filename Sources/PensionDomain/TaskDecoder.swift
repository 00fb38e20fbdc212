import Foundation

/// Turns message bodies into tasks, classifying every failure so the worker can park it with a reason.
public enum TaskDecoder: Sendable {
    /// Decodes a `pensionpay.verify.v1` body.
    ///
    /// Checks run from cheapest to most expensive: size, UTF-8, JSON syntax, schema, then fields.
    /// A body in the plain shape producers write is read by ``PlainJSONScanner``; anything else, and
    /// every malformed body, by `JSONDecoder`, so each refusal keeps `JSONDecoder`'s reason.
    /// - Parameter maxBytes: bodies above this size are refused before parsing, to bound memory.
    public static func decodeVerify(_ body: [UInt8], maxBytes: Int = 65_536) -> Result<VerifyTask, TaskDecodeError> {
        guard body.count <= maxBytes else {
            return .failure(TaskDecodeError(code: .tooLarge, message: "the body has \(body.count) bytes, more than \(maxBytes)"))
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            return .failure(TaskDecodeError(code: .invalidUTF8, message: "the body is not valid UTF-8"))
        }
        if let plain = body.withUnsafeBufferPointer(WireVerifyTask.scanningPlain) {
            return plain.validated()
        }
        return decodeVerifyWithJSONDecoder(body)
    }

    /// The verify decoder without the plain fast path: anything ``PlainJSONScanner`` leaves, and the
    /// reference the fast path is tested against. `body` is known to be valid UTF-8 and small enough.
    static func decodeVerifyWithJSONDecoder(_ body: [UInt8]) -> Result<VerifyTask, TaskDecodeError> {
        let wire: WireVerifyTask
        do {
            wire = try JSONDecoder().decode(WireVerifyTask.self, from: Data(body))
        } catch let error as DecodingError {
            return .failure(classify(error))
        } catch {
            return .failure(TaskDecodeError(code: .malformedJSON, message: "the body is not a JSON object"))
        }
        return wire.validated()
    }

    /// Maps a decoding error to a field-level error without copying its debug text (which may quote values).
    static func classify(_ error: DecodingError) -> TaskDecodeError {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context):
            path = context.codingPath
        @unknown default:
            path = []
        }
        guard !path.isEmpty else {
            return TaskDecodeError(code: .malformedJSON, message: "the body is not a well-formed JSON object")
        }
        let field = path.map(\.stringValue).joined(separator: ".")
        if case .keyNotFound = error { return .missing(field) }
        return .invalid(field, "has the wrong type (expected a string or object)")
    }
}
