import Foundation
import Testing
@testable import PensionDomain

/// A task ID with a control character is refused by all three decoders, with a reason: SQLite's
/// `length()` stops at a NUL, so such an ID failed the store's CHECK and, before the decoders
/// refused it, either vanished as a "duplicate" or held its batch in a retry loop.
@Suite struct TaskIDControlCharacterTests {
    static let refused = ["\u{0000}", "a\u{0000}b", "verify-2026-11-\u{001B}[31m", "x\u{007F}", "x\u{0085}", "\u{0009}id"]
    static let accepted = ["verify-2026-11-c50c328af3ce0c7d4510d60f87363c44", "Đơn-1", "id with spaces", "\u{200B}x"]

    @Test(arguments: refused)
    func verifyRefuses(_ id: String) throws {
        #expect(try reason(TaskDecoder.decodeVerify(body(TaskDecoderTests.valid, taskID: id))) == "task_id")
    }

    @Test(arguments: refused)
    func registerRefuses(_ id: String) throws {
        #expect(try reason(TaskDecoder.decodeRegister(body(RegisterTaskTests.valid, taskID: id))) == "task_id")
    }

    @Test(arguments: refused)
    func outreachRefuses(_ id: String) throws {
        #expect(try reason(OutreachTask.decode(body(Self.outreach, taskID: id))) == "task_id")
    }

    @Test(arguments: accepted)
    func ordinaryIDsStillPass(_ id: String) throws {
        #expect(throws: Never.self) { try TaskDecoder.decodeVerify(try body(TaskDecoderTests.valid, taskID: id)).get() }
        #expect(throws: Never.self) { try TaskDecoder.decodeRegister(try body(RegisterTaskTests.valid, taskID: id)).get() }
        #expect(throws: Never.self) { try OutreachTask.decode(try body(Self.outreach, taskID: id)).get() }
    }

    static var outreach: String {
        let task = OutreachTask.followUp(nationalID: try! NationalID.parse("079050001234"), provinceCode: "79", communeCode: "26734",
                                         period: try! Period.parse("2026-11"), at: Date(timeIntervalSince1970: 1_790_000_000))
        return String(decoding: task.encodedJSON(), as: UTF8.self)
    }

    /// `json` with its top-level `task_id` replaced.
    private func body(_ json: String, taskID: String) throws -> [UInt8] {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        object["task_id"] = taskID
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    /// The field a failed decode names, with the message checked to be the control-character one.
    private func reason<T>(_ result: Result<T, TaskDecodeError>) throws -> String? {
        guard case .failure(let error) = result else { return nil }
        #expect(error.code == .invalidField)
        #expect(error.message.contains("control character"))
        return error.field
    }
}
