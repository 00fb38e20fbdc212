import Foundation
import Testing
@testable import PensionDomain

@Suite("TaskID")
struct TaskIDTests {
    @Test("matches independently computed SHA-256 vectors", arguments: [
        ("verify", "2026-11", "verify-2026-11-c50c328af3ce0c7d4510d60f87363c44"),
        ("verify", "2026-12", "verify-2026-12-ab2b162e92a63bbf40d30b94d75f3421"),
        ("notice", "2026-11", "notice-2026-11-5debe163096c345d69d07fdeef22e404"),
    ])
    func vectors(kind: String, period: String, expected: String) throws {
        let id = TaskID.make(kind: kind, nationalID: try NationalID.parse("079050001234"), period: try Period.parse(period))
        #expect(id == expected)
    }

    @Test func deterministicAndDistinct() throws {
        let a = try NationalID.parse("079050001234"), b = try NationalID.parse("079050001235")
        let p = try Period.parse("2026-11")
        #expect(TaskID.make(kind: "verify", nationalID: a, period: p) == TaskID.make(kind: "verify", nationalID: a, period: p))
        #expect(TaskID.make(kind: "verify", nationalID: a, period: p) != TaskID.make(kind: "verify", nationalID: b, period: p))
        #expect(!TaskID.make(kind: "verify", nationalID: a, period: p).contains(a.digits))
    }
}

@Suite("VerifyTask and TaskDecoder")
struct TaskDecoderTests {
    static let valid = """
        {"schema":"pensionpay.verify.v1","task_id":"verify-2026-11-c50c328af3ce0c7d4510d60f87363c44",
         "created_at":"2026-11-26T12:00:00Z","period":"2026-11",
         "beneficiary":{"national_id":"079050001234","full_name":"Nguyễn Văn Hòa","date_of_birth":"1950-03-07",
                        "sex":"M","province_code":"79","commune_code":"26734"},
         "trace_id":"abc"}
        """

    private func decode(_ json: String, maxBytes: Int = 65_536) -> Result<VerifyTask, TaskDecodeError> {
        TaskDecoder.decodeVerify(Array(json.utf8), maxBytes: maxBytes)
    }

    private func code(_ json: String) -> TaskDecodeError? {
        if case .failure(let error) = decode(json) { return error }
        return nil
    }

    /// The valid message with one top-level or beneficiary key replaced (nil removes it).
    private func variant(_ key: String, _ value: Any?, inBeneficiary: Bool = false) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(Self.valid.utf8)) as? [String: Any])
        if inBeneficiary {
            var beneficiary = try #require(object["beneficiary"] as? [String: Any])
            beneficiary[key] = value
            object["beneficiary"] = beneficiary
        } else {
            object[key] = value
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func decodesAValidTask() throws {
        let task = try decode(Self.valid).get()
        #expect(task.schema == "pensionpay.verify.v1")
        #expect(task.taskID == "verify-2026-11-c50c328af3ce0c7d4510d60f87363c44")
        #expect(task.createdAt == Date(timeIntervalSince1970: 1_795_694_400))
        #expect(task.period == (try Period.parse("2026-11")))
        #expect(task.beneficiary.fullName == "Nguyễn Văn Hòa")
        #expect(task.beneficiary.communeCode == "26734")
        #expect(task.traceID == "abc")
    }

    @Test func encodeRoundTripsWithExactKeys() throws {
        let task = try decode(Self.valid).get()
        let bytes = task.encodedJSON()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\"beneficiary\":{\"commune_code\":\"26734\",\"date_of_birth\":\"1950-03-07\",\"full_name\":"))
        #expect(text.contains("\"created_at\":\"2026-11-26T12:00:00Z\""))
        #expect(text.contains("\"schema\":\"pensionpay.verify.v1\""))
        #expect(text.contains("\"trace_id\":\"abc\""))
        #expect(try TaskDecoder.decodeVerify(bytes).get() == task)
        #expect(try JSONDecoder().decode(VerifyTask.self, from: Data(bytes)) == task)
        #expect(task.encodedJSON() == bytes)
    }

    @Test func optionalFieldsMayBeAbsentAndBadContentStillDecodes() throws {
        let json = """
            {"schema":"pensionpay.verify.v1","task_id":"t","created_at":"2026-11-26T12:00:00.250Z","period":"2026-11",
             "beneficiary":{"national_id":"123456789","full_name":"","province_code":"xx"}}
            """
        let task = try decode(json).get()
        #expect(task.traceID == nil && task.beneficiary.dateOfBirth == nil && task.beneficiary.sex == nil)
        #expect(task.beneficiary.nationalID == "123456789")
        #expect(throws: FieldError.self) { try task.beneficiary.identityClaim() }
        #expect(!String(decoding: task.encodedJSON(), as: UTF8.self).contains("trace_id"))
    }

    @Test func identityClaimFromBeneficiary() throws {
        let claim = try decode(Self.valid).get().beneficiary.identityClaim()
        #expect(claim.nationalID.digits == "079050001234")
        #expect(claim.sex == .male)
        #expect(claim.dateOfBirth == (try PartialDate.parse("1950-03-07")))
        do {
            _ = try VerifyTask.Beneficiary(nationalID: "123456789", fullName: "A", provinceCode: "79").identityClaim()
            Issue.record("expected a throw")
        } catch {
            #expect(error.field == "national_id")
            #expect(error.message.contains("CMND"))
        }
    }

    @Test func tooLarge() {
        #expect(code(Self.valid)?.code != .tooLarge)
        if case .failure(let error) = decode(Self.valid, maxBytes: 10) { #expect(error.code == .tooLarge) } else { Issue.record("expected failure") }
    }

    @Test func invalidUTF8() {
        var bytes = Array(Self.valid.utf8)
        bytes.insert(0xC3, at: 10)
        bytes.insert(0x28, at: 11)
        if case .failure(let error) = TaskDecoder.decodeVerify(bytes) { #expect(error.code == .invalidUTF8) } else { Issue.record("expected failure") }
    }

    @Test("malformed JSON", arguments: ["", "{", "[]", "\"text\"", "42", "{\"schema\":}", "null", "{'a':1}"])
    func malformed(json: String) {
        #expect(code(json)?.code == .malformedJSON)
    }

    @Test("unknown schema", arguments: ["pensionpay.verify.v2", "pensionpay.notice.v1", ""])
    func unknownSchema(schema: String) throws {
        #expect(code(try variant("schema", schema))?.code == .unknownSchema)
    }

    @Test("missing top-level fields", arguments: ["schema", "task_id", "created_at", "period", "beneficiary"])
    func missingTop(key: String) throws {
        let error = code(try variant(key, nil))
        #expect(error?.code == .missingField)
        #expect(error?.field == key)
        #expect(error?.message.contains(key) == true)
    }

    @Test("missing beneficiary fields", arguments: ["national_id", "full_name", "province_code"])
    func missingBeneficiary(key: String) throws {
        let error = code(try variant(key, nil, inBeneficiary: true))
        #expect(error?.code == .missingField)
        #expect(error?.field == "beneficiary.\(key)")
    }

    @Test func nullCountsAsMissing() throws {
        #expect(code(try variant("task_id", NSNull()))?.code == .missingField)
    }

    @Test("invalid fields", arguments: [
        ("task_id", ""), ("task_id", String(repeating: "x", count: 201)), ("period", "2026-13"), ("period", "11/2026"),
        ("created_at", "yesterday"), ("created_at", "26/11/2026"),
    ])
    func invalidValues(key: String, value: String) throws {
        let error = code(try variant(key, value))
        #expect(error?.code == .invalidField)
        #expect(error?.field == key)
        #expect(error.map { !$0.message.contains(value) || value.isEmpty } == true)
    }

    @Test func taskIDOfExactly200IsAccepted() throws {
        #expect(code(try variant("task_id", String(repeating: "x", count: 200))) == nil)
    }

    @Test func wrongTypesAreInvalidFieldsAndDoNotEchoValues() throws {
        let error = code(try variant("national_id", 79050001234, inBeneficiary: true))
        #expect(error?.code == .invalidField)
        #expect(error?.field == "beneficiary.national_id")
        #expect(error?.message.contains("79050001234") == false)
        #expect(code(try variant("beneficiary", "x"))?.code == .invalidField)
        #expect(code(try variant("task_id", 5))?.code == .invalidField)
    }

    @Test func errorCodesAreTheWireStrings() {
        let codes: [TaskDecodeError.Code] = [.tooLarge, .invalidUTF8, .malformedJSON, .unknownSchema, .missingField, .invalidField]
        #expect(codes.map(\.rawValue) == ["too_large", "invalid_utf8", "malformed_json", "unknown_schema", "missing_field", "invalid_field"])
    }

    @Test func strictDecodableRejectsBadEnvelope() throws {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(VerifyTask.self, from: Data(try variant("period", "x").utf8)) }
    }
}
