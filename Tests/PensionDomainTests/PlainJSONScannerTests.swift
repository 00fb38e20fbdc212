import Foundation
import PensionTesting
import Testing
@testable import PensionDomain

/// The plain fast path of `TaskDecoder.decodeVerify` must read exactly what `JSONDecoder` reads,
/// and leave everything else to it: these tests compare the two on generated and hostile bodies.
@Suite struct PlainJSONScannerTests {
    /// What `decodeVerify` answered before the fast path: the same early checks, then `JSONDecoder`.
    static func reference(_ body: [UInt8]) -> Result<VerifyTask, TaskDecodeError> {
        guard body.count <= 65_536, String(validating: body, as: UTF8.self) != nil else { return TaskDecoder.decodeVerify(body) }
        return TaskDecoder.decodeVerifyWithJSONDecoder(body)
    }

    static func plain(_ body: [UInt8]) -> WireVerifyTask? {
        body.withUnsafeBufferPointer(WireVerifyTask.scanningPlain)
    }

    static func plain(_ text: String) -> WireVerifyTask? { plain(Array(text.utf8)) }

    /// `JSONDecoder`'s reading of a body, nil when it refuses it.
    static func decoded(_ body: [UInt8]) -> WireVerifyTask? {
        try? JSONDecoder().decode(WireVerifyTask.self, from: Data(body))
    }

    @Test func producerBodiesTakeThePlainPathAndReadTheSame() throws {
        var random = SeededGenerator(seed: 71)
        let names = ["Nguyễn Văn Hòa", "Trần Thị Ánh Đào", "Lê  Văn\u{00A0}Tám", "Nguyê\u{0303}n Văn A", "O'Brien / Đ", "Ǹ̷̡̖̼ǵ̶̡̰"]
        for index in 0..<500 {
            let task = VerifyTask(
                taskID: "verify-2026-11-\(index)",
                createdAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)),
                period: Period(year: 2026, month: 11)!,
                beneficiary: .init(nationalID: String(format: "079%09d", index), fullName: names.randomElement(using: &random)!,
                                   dateOfBirth: Bool.random(using: &random) ? "1950-03-07" : nil, sex: Bool.random(using: &random) ? "F" : nil,
                                   provinceCode: "79", communeCode: Bool.random(using: &random) ? "26734" : nil),
                traceID: Bool.random(using: &random) ? "trace-\(index)" : nil)
            let body = task.encodedJSON()
            let plain = try #require(Self.plain(body), "a producer's body takes the fast path")
            #expect(plain == Self.decoded(body))
            #expect(TaskDecoder.decodeVerify(body) == .success(task))
        }
    }

    @Test(arguments: [
        // In the subset: whitespace anywhere JSON allows it, unknown string members, any order, empty values.
        (" \r\n\t{ \"schema\" :\t\"pensionpay.verify.v1\" , \"x\":\"y\", \"beneficiary\" : { } }\n ", true),
        (#"{"beneficiary":{"full_name":"","zz":"1","sex":"nữ"},"period":"2026-13","task_id":"t"}"#, true),
        ("{}", true),
        (#"{"schema":"pensionpay.verify.v1"}"#, true),
        // Outside it: JSONDecoder decides.
        (#"{"schema":"pensionpay.verify.v1","task_id":"a\"b"}"#, false),
        (#"{"sch\u0065ma":"pensionpay.verify.v1"}"#, false),
        (#"{"schema":"pensionpay.verify.v1","schema":"other"}"#, false),
        (#"{"beneficiary":{"sex":"M"},"beneficiary":{"sex":"F"}}"#, false),
        (#"{"task_id":null}"#, false),
        (#"{"task_id":7}"#, false),
        (#"{"x":7,"schema":"pensionpay.verify.v1"}"#, false),
        (#"{"x":[],"schema":"pensionpay.verify.v1"}"#, false),
        (#"{"x":{},"schema":"pensionpay.verify.v1"}"#, false),
        (#"{"beneficiary":"079050001234"}"#, false),
        (#"{"beneficiary":{"national_id":{"a":"b"}}}"#, false),
        (#"{"schema":"pensionpay.verify.v1"} x"#, false),
        (#"{"schema":"pensionpay.verify.v1"}{}"#, false),
        (#"{"schema":"pensionpay.verify.v1",}"#, false),
        (#"{"schema":"pensionpay.verify.v1""#, false),
        ("{\"task_id\":\"a\u{0001}b\"}", false),
        ("\u{FEFF}{}", false),
        ("[]", false),
        ("", false),
        (#"{"naïve":"x"}"#, false),
    ])
    func theSubsetIsExactlyThePlainShape(_ text: String, inSubset: Bool) {
        let body = Array(text.utf8)
        let plain = Self.plain(body)
        #expect((plain != nil) == inSubset)
        if let plain { #expect(plain == Self.decoded(body)) }
        #expect(TaskDecoder.decodeVerify(body) == Self.reference(body))
    }

    /// Random documents over the task's keys, unknown keys and every kind of JSON value, with random
    /// whitespace: the fast path and `JSONDecoder` agree on every one.
    @Test func generatedDocumentsReadTheSameBothWays() {
        var random = SeededGenerator(seed: 7_007)
        var plainCount = 0
        for _ in 0..<20_000 {
            let body = Array(Self.document(&random, depth: 0).utf8)
            let plain = Self.plain(body)
            if let plain {
                plainCount += 1
                #expect(plain == Self.decoded(body), "\(String(decoding: body, as: UTF8.self))")
            }
            #expect(TaskDecoder.decodeVerify(body) == Self.reference(body), "\(String(decoding: body, as: UTF8.self))")
        }
        // The generator reaches both sides of the fast path often.
        #expect(plainCount > 2_000 && plainCount < 18_000)
    }

    @Test func hostileBodiesGetTheSameAnswerBothWays() {
        var input = HostileInput(seed: 8_071)
        let valid = Array(TaskDecoderTests.valid.utf8)
        for _ in 0..<10_000 {
            let (_, body) = input.body(from: valid)
            #expect(TaskDecoder.decodeVerify(body) == Self.reference(body))
            // The scanner's precondition, which decodeVerify checks first.
            guard String(validating: body, as: UTF8.self) != nil else { continue }
            if let plain = Self.plain(body) { #expect(plain == Self.decoded(body)) }
        }
    }

    static let keys = ["schema", "task_id", "created_at", "period", "beneficiary", "trace_id", "national_id", "full_name",
                       "date_of_birth", "sex", "province_code", "commune_code", "x", "Schema", "task_id "]
    static let strings = ["pensionpay.verify.v1", "verify-2026-11-1", "2026-11-26T12:00:00Z", "2026-11", "079050001234",
                          "Nguyễn Văn Hòa", "1950-03-07", "M", "79", "26734", "", " ", "a\\\"b", "\\u0041", "\u{7F}", "x\\ny"]

    static func whitespace(_ random: inout SeededGenerator) -> String {
        [" ", "", "", "\n", "\t ", "\r\n", ""].randomElement(using: &random)!
    }

    static func document(_ random: inout SeededGenerator, depth: Int) -> String {
        var members: [String] = []
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let key = keys.randomElement(using: &random)!
            members.append(whitespace(&random) + "\"\(key)\"" + whitespace(&random) + ":" + whitespace(&random) + value(&random, depth: depth))
        }
        var text = "{" + members.joined(separator: ",") + whitespace(&random) + "}"
        switch Int.random(in: 0..<40, using: &random) {
        case 0: text += "x"
        case 1: text.removeLast()
        case 2: text = text.replacingOccurrences(of: ",", with: ",,")
        default: break
        }
        return depth == 0 ? whitespace(&random) + text + whitespace(&random) : text
    }

    static func value(_ random: inout SeededGenerator, depth: Int) -> String {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return "null"
        case 1: return "12"
        case 2: return "true"
        case 3: return "[\"a\"]"
        case 4...6 where depth < 2: return document(&random, depth: depth + 1)
        default: return "\"" + strings.randomElement(using: &random)! + "\""
        }
    }
}
