import Foundation
import Testing
@testable import PensionDomain

@Suite("RegisterTask")
struct RegisterTaskTests {
    static let requestedAt = PaymentCalendar.parseInstant("2026-11-20T10:15:00+07:00")!
    static let request = RegistrationRequest(
        nationalID: try! NationalID.parse("079050001234"), bankBIN: "970436", bankAccount: "0071 000 123 456",
        holderName: "Nguyễn Thị Ánh Đào", channel: .paymentPoint, requestedAt: requestedAt)
    static let createdAt = PaymentCalendar.parseInstant("2026-11-26T12:00:00Z")!

    static let valid = """
        {"schema":"pensionpay.register.v1","task_id":"register-1e10d5f999f22ef8547b7eb9a1c56356",
         "created_at":"2026-11-26T12:00:00Z",
         "request":{"national_id":"079050001234","bank_bin":"970436","bank_account":"0071000123456",
                    "holder_name":"Nguyễn Thị Ánh Đào","channel":"payment_point","requested_at":"2026-11-20T03:15:00Z"},
         "trace_id":"abc"}
        """

    private func decode(_ json: String, maxBytes: Int = 65_536) -> Result<RegisterTask, TaskDecodeError> {
        TaskDecoder.decodeRegister(Array(json.utf8), maxBytes: maxBytes)
    }

    private func failure(_ json: String) -> TaskDecodeError? {
        if case .failure(let error) = decode(json) { return error }
        return nil
    }

    private func variant(_ key: String, _ value: Any?, inRequest: Bool = false) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(Self.valid.utf8)) as? [String: Any])
        if inRequest {
            var request = try #require(object["request"] as? [String: Any])
            request[key] = value
            object["request"] = request
        } else {
            object[key] = value
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func taskIDMatchesAnIndependentSHA256Vector() {
        // python3: "register-" + sha256(b"079050001234|970436|0071000123456|2026-11-20T03:15:00Z").hexdigest()[:32]
        #expect(RegisterTask.taskID(for: Self.request) == "register-1e10d5f999f22ef8547b7eb9a1c56356")
    }

    @Test func taskIDIsDeterministicAcrossIntakeForms() throws {
        let header = try RegistrationHeader(fields: ["national_id", "bank_bin", "bank_account", "holder_name", "channel", "requested_at"])
        let fromCSV = try RegistrationRowParser.parse(
            CSVRecord(fields: ["079050001234", "970436", "0071-000-123-456", "NGUYEN THI ANH DAO", "bank", "20/11/2026 10:15"], line: 2),
            header: header).get()
        #expect(RegisterTask.taskID(for: fromCSV) == RegisterTask.taskID(for: Self.request))
        var other = Self.request
        other.bankAccount = "0071000123457"
        #expect(RegisterTask.taskID(for: other) != RegisterTask.taskID(for: Self.request))
        var later = Self.request
        later.requestedAt = Self.requestedAt.addingTimeInterval(1)
        #expect(RegisterTask.taskID(for: later) != RegisterTask.taskID(for: Self.request))
        let id = RegisterTask.taskID(for: Self.request)
        #expect(id.hasPrefix("register-") && id.count == 41)
        #expect(!id.contains("079050001234") && !id.contains("0071000123456"))
    }

    @Test func encodesAndDecodesRoundTrip() throws {
        let task = RegisterTask(request: Self.request, createdAt: Self.createdAt, traceID: "abc")
        #expect(task.schema == "pensionpay.register.v1")
        #expect(task.taskID == "register-1e10d5f999f22ef8547b7eb9a1c56356")
        let body = task.encodedJSON()
        #expect(body == task.encodedJSON())
        let decoded = try TaskDecoder.decodeRegister(body).get()
        #expect(decoded == task)
        #expect(try JSONDecoder().decode(RegisterTask.self, from: Data(body)) == task)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "task_id", "created_at", "request", "trace_id"])
        #expect(object["created_at"] as? String == "2026-11-26T12:00:00Z")
    }

    @Test func decodesTheDocumentedMessage() throws {
        let task = try decode(Self.valid).get()
        #expect(task.request == Self.request)
        #expect(task.traceID == "abc")
        #expect(task.createdAt == Self.createdAt)
    }

    @Test func bodyLevelErrors() throws {
        #expect(failure("not json")?.code == .malformedJSON)
        #expect(failure("\"a string\"")?.code == .malformedJSON)
        if case .failure(let error) = decode(Self.valid, maxBytes: 100) { #expect(error.code == .tooLarge) } else { Issue.record() }
        if case .failure(let error) = TaskDecoder.decodeRegister([0x7B, 0xC3, 0x28, 0x7D]) {
            #expect(error.code == .invalidUTF8)
        } else {
            Issue.record()
        }
    }

    @Test("envelope errors", arguments: [
        ("schema", .absent, "missing_field", "schema"),
        ("schema", .string("pensionpay.verify.v1"), "unknown_schema", "schema"),
        ("schema", .string("pensionpay.register.v2"), "unknown_schema", "schema"),
        ("task_id", .absent, "missing_field", "task_id"),
        ("task_id", .string("  "), "invalid_field", "task_id"),
        ("task_id", .string(String(repeating: "x", count: 201)), "invalid_field", "task_id"),
        ("task_id", .number(42), "invalid_field", "task_id"),
        ("created_at", .absent, "missing_field", "created_at"),
        ("created_at", .string("yesterday"), "invalid_field", "created_at"),
        ("request", .absent, "missing_field", "request"),
        ("request", .string("079050001234"), "invalid_field", "request"),
    ] as [(String, JSONTestValue, String, String)])
    func envelope(key: String, value: JSONTestValue, code: String, field: String) throws {
        let error = try #require(failure(try variant(key, value.object)))
        #expect(error.code.rawValue == code)
        #expect(error.field == field)
        #expect(!error.description.contains("079050001234"))
    }

    @Test("request field errors", arguments: [
        ("national_id", .absent, "missing_field"),
        ("national_id", .string("079050001234X"), "invalid_field"),
        ("national_id", .string("7905000123"), "invalid_field"),
        ("bank_bin", .absent, "missing_field"),
        ("bank_bin", .string("9704"), "invalid_field"),
        ("bank_bin", .number(970436), "invalid_field"),
        ("bank_account", .absent, "missing_field"),
        ("bank_account", .string(""), "missing_field"),
        ("holder_name", .absent, "missing_field"),
        ("authorised_holder_id", .string("079050001"), "invalid_field"),
        ("authorisation_expires", .string("2027-01-31"), "invalid_field"),   // without a holder
        ("channel", .string("pigeon"), "invalid_field"),
        ("requested_at", .absent, "missing_field"),
        ("requested_at", .string("2026-11-20 10:15"), "invalid_field"),      // local forms are for CSV intake only
        ("requested_at", .string("not a time"), "invalid_field"),
    ] as [(String, JSONTestValue, String)])
    func requestFields(key: String, value: JSONTestValue, code: String) throws {
        let error = try #require(failure(try variant(key, value.object, inRequest: true)))
        #expect(error.code.rawValue == code)
        let expectedField = key == "authorisation_expires" ? "request.authorised_holder_id" : "request.\(key)"
        #expect(error.field == expectedField)
        #expect(error.message.contains(expectedField))
        #expect(!error.description.contains("079050001234") && !error.description.contains("0071000123456"))
    }

    @Test func codableDecodingReportsTheProblem() throws {
        let json = try variant("schema", "pensionpay.register.v9")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RegisterTask.self, from: Data(json.utf8)) }
    }
}
