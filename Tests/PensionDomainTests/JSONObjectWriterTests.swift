import Foundation
import PensionTesting
import Testing
@testable import PensionDomain

@Suite struct JSONObjectWriterTests {
    /// The hand-written body must be exactly what JSONEncoder writes, for ordinary and hostile values.
    @Test func verifyTaskBodiesAreByteForByteJSONEncoders() throws {
        var random = SeededGenerator(seed: 42)
        let strings = HostileInput.hostileStrings + ["Nguyễn Văn Hòa", "a/b", "tab\there", "\u{1}\u{1f}\u{7f}", "\u{2028}\u{2029}", "😀", "\"quoted\""]
        for i in 0..<2_000 {
            func pick() -> String { strings.randomElement(using: &random)! }
            func maybe() -> String? { Bool.random(using: &random) ? pick() : nil }
            let task = VerifyTask(
                taskID: i % 3 == 0 ? pick() : "verify-2026-11-\(i)",
                createdAt: Date(timeIntervalSince1970: 1_795_316_400 + Double(i) * 0.25),
                period: Period(year: 2026, month: 1 + i % 12)!,
                beneficiary: .init(nationalID: i % 2 == 0 ? "079050001234" : pick(), fullName: pick(), dateOfBirth: maybe(), sex: maybe(),
                                   provinceCode: i % 5 == 0 ? pick() : "79", communeCode: maybe()),
                traceID: maybe())
            #expect(task.encodedJSON() == task.encodedWithJSONEncoder(), "task \(i)")
        }
    }

    @Test func aWrittenBodyDecodesBackToTheSameTask() throws {
        let task = VerifyTask(taskID: "verify-2026-11-abc", createdAt: Date(timeIntervalSince1970: 1_795_316_400), period: Period(year: 2026, month: 11)!,
                              beneficiary: .init(nationalID: "079050001234", fullName: "Trần \"Thị\" Thủy\\", dateOfBirth: "1950",
                                                 sex: "F", provinceCode: "79", communeCode: "26734"), traceID: "t-1")
        #expect(try TaskDecoder.decodeVerify(task.encodedJSON()).get() == task)
    }
}

@Suite struct OutreachTaskWritingTests {
    @Test func writtenLikeJSONEncoderByteForByte() throws {
        var random = SeededGenerator(seed: 4_242)
        let texts = HostileInput.hostileStrings + ["verified_cash_paid", "79", "26734", "Hồ Chí Minh", "a/b"]
        for i in 0..<2_000 {
            // Whole and fractional seconds, before and after 1970, far future.
            let seconds = Double(Int64.random(in: -2_000_000_000...4_000_000_000, using: &random)) + (i % 3 == 0 ? 0 : Double.random(in: 0..<1, using: &random))
            let task = OutreachTask(
                taskID: texts.randomElement(using: &random)!, createdAt: Date(timeIntervalSince1970: seconds),
                period: Period(year: Int.random(in: 2000...2099, using: &random), month: Int.random(in: 1...12, using: &random))!,
                nationalID: try NationalID.parse("079050001234"), provinceCode: texts.randomElement(using: &random)!,
                communeCode: i % 4 == 0 ? nil : texts.randomElement(using: &random)!, reason: texts.randomElement(using: &random)!)
            #expect(task.encodedJSON() == task.encodedWithJSONEncoder(), "task \(i)")
        }
    }
}

@Suite struct JSONArrayTextTests {
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func writtenLikeJSONEncoder() throws {
        let texts = HostileInput.hostileStrings + ["079050001234", "2026-11", "verify-2026-11-abc", "a/b", "\u{7F}\u{85}"]
        #expect(JSONArrayText.strings([]) == "[]")
        #expect(JSONArrayText.rows([]) == "[]")
        #expect(JSONArrayText.strings(texts) == (try Self.encoded(texts)))
        let set = Set(texts)
        #expect(JSONArrayText.strings(set) == (try Self.encoded(Array(set))))
        let rows = (0..<texts.count).map { [texts[$0], texts[(texts.count - 1 - $0)], ""] } + [[]]
        #expect(JSONArrayText.rows(rows) == (try Self.encoded(rows)))
    }
}

@Suite struct IdentityWarningJSONTests {
    @Test func writtenLikeJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let texts = HostileInput.hostileStrings
        for count in 0..<4 {
            let warnings = (0..<count).map { IdentityWarning(code: texts[($0 * 7) % texts.count], message: texts[($0 * 5 + 3) % texts.count]) }
            #expect(IdentityWarning.encodedJSON(warnings) == String(decoding: try encoder.encode(warnings), as: UTF8.self))
            #expect(try JSONDecoder().decode([IdentityWarning].self, from: Data(IdentityWarning.encodedJSON(warnings).utf8)) == warnings)
        }
    }
}
