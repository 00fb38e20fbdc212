import PensionTesting
import Testing
@testable import PensionDomain

/// 10,000 hostile bodies per decoder (issue 8): none crashes the process, every refusal has a code
/// and a message, and no message quotes an ID number from the body.
@Suite struct TaskDecoderFuzzTests {
    static let verify = Array(TaskDecoderTests.valid.utf8)
    static let register = Array(RegisterTaskTests.valid.utf8)
    static let outreach = OutreachTask.followUp(nationalID: try! NationalID.parse("079050001234"), provinceCode: "79", communeCode: "26734",
                                                period: Period(year: 2026, month: 11)!, at: PaymentCalendar.parseInstant("2026-11-26T12:00:00Z")!)
        .encodedJSON()
    /// The body of `POST /api/registrations` (the same rules as the register task's `request`).
    static let intake = Array(#"{"national_id":"079050001234","bank_bin":"970436","bank_account":"0071000123456","holder_name":"NGUYEN VAN AN","channel":"web","requested_at":"2026-11-20T03:00:00Z"}"#.utf8)

    @Test(arguments: ["verify", "register", "outreach", "intake"])
    func hostileBodiesAreRefusedWithAReasonAndNeverCrash(_ kind: String) {
        var input = HostileInput(seed: 8_000 + UInt64(kind.utf8.count))
        var refusedByKind: [HostileInput.Kind: Int] = [:]
        var accepted = 0
        for _ in 0..<10_000 {
            let (hostility, body): (HostileInput.Kind, [UInt8])
            let failure: TaskDecodeError?
            switch kind {
            case "verify":
                (hostility, body) = input.body(from: Self.verify)
                if case .failure(let error) = TaskDecoder.decodeVerify(body) { failure = error } else { failure = nil }
            case "register":
                (hostility, body) = input.body(from: Self.register)
                if case .failure(let error) = TaskDecoder.decodeRegister(body) { failure = error } else { failure = nil }
            case "intake":
                (hostility, body) = input.body(from: Self.intake)
                if case .failure(let error) = RegistrationRequest.decodeJSON(body) { failure = error } else { failure = nil }
            default:
                (hostility, body) = input.body(from: Self.outreach)
                if case .failure(let error) = OutreachTask.decode(body) { failure = error } else { failure = nil }
            }
            guard let failure else {
                accepted += 1
                // Only a mutation that left a valid document may pass; structural hostility never does.
                #expect(![.randomBytes, .deepArray, .deepObject, .huge, .invalidUTF8].contains(hostility))
                continue
            }
            refusedByKind[hostility, default: 0] += 1
            #expect(!failure.code.rawValue.isEmpty && !failure.message.isEmpty)
            #expect(!failure.description.contains("079050001234"), "a refusal never quotes the ID number")
        }
        // Every kind of hostility was exercised and refused at least once.
        #expect(Set(refusedByKind.keys) == Set(HostileInput.Kind.allCases))
        #expect(accepted < 2_000)
    }

    @Test func deepNestingIsRefusedNotAStackOverflow() {
        for depth in [1_000, 32_000] {
            let body = Array(String(repeating: "[", count: depth).utf8) + Array(String(repeating: "]", count: depth).utf8)
            guard case .failure(let error) = TaskDecoder.decodeVerify(body) else {
                Issue.record("deep nesting accepted")
                continue
            }
            #expect(error.code == .malformedJSON)
        }
    }
}
