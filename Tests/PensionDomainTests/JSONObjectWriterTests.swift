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
