import Foundation
import Testing
@testable import PensionDomain

@Suite("Sex")
struct SexTests {
    @Test("parses", arguments: [
        ("M", Sex.male), ("m", .male), ("Nam", .male), ("NAM", .male), ("male", .male), (" Male ", .male),
        ("F", .female), ("f", .female), ("nữ", .female), ("Nữ", .female), ("NỮ", .female), ("nu\u{031B}\u{0303}", .female),
        ("Nu", .female), ("female", .female), ("FEMALE", .female),
    ])
    func parses(raw: String, sex: Sex) {
        #expect(Sex(parsing: raw) == sex)
    }

    @Test("rejects", arguments: ["", "X", "nữa", "man", "0", "1", "women"])
    func rejects(raw: String) {
        #expect(Sex(parsing: raw) == nil)
    }

    @Test func rawValues() throws {
        #expect(Sex.male.rawValue == "M" && Sex.female.rawValue == "F")
        #expect(String(decoding: try JSONEncoder().encode([Sex.female]), as: UTF8.self) == "[\"F\"]")
    }
}

@Suite("PaymentMethod")
struct PaymentMethodTests {
    @Test("parses", arguments: [
        ("cash", PaymentMethod.cash), ("CASH", .cash), ("tien_mat", .cash), ("tiền mặt", .cash), ("Tiền Mặt", .cash),
        ("TIEN MAT", .cash), ("bank", .bank), ("Bank", .bank), ("TK", .bank), ("tk", .bank), ("tai_khoan", .bank),
        ("tài khoản", .bank),
    ])
    func parses(raw: String, method: PaymentMethod) throws {
        #expect(PaymentMethod(parsing: raw) == method)
        #expect(try PaymentMethod.parse(raw) == method)
    }

    @Test("rejects", arguments: ["", "ewallet", "momo", "card", "t k"])
    func rejects(raw: String) {
        #expect(PaymentMethod(parsing: raw) == nil)
        #expect(throws: FieldError.self) { try PaymentMethod.parse(raw) }
    }
}

@Suite("Period")
struct PeriodTests {
    @Test("parses", arguments: [("2026-11", 2026, 11), ("2026-01", 2026, 1), (" 2025-12 ", 2025, 12)])
    func parses(raw: String, year: Int, month: Int) throws {
        let period = try Period.parse(raw)
        #expect(period.year == year && period.month == month)
    }

    @Test("rejects", arguments: ["", "2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "11/2026", "abcd-ef"])
    func rejects(raw: String) {
        #expect(throws: FieldError.self) { try Period.parse(raw) }
    }

    @Test("rejects more", arguments: ["1899-12", "٢٠٢٦-11", "2026-１1", "2026–11", "2026-11\u{0}", "+026-11", "-026-11"])
    func rejectsMore(raw: String) {
        #expect(throws: FieldError.self) { try Period.parse(raw) }
    }

    /// The parser before it read bytes in place, kept as the reference the fast one must agree
    /// with, value and message, on strings near the period's shape.
    @Test func agreesWithTheStringSplittingParser() {
        func reference(_ raw: String) -> Result<Period, FieldError> {
            let value = UnicodeText.trimmed(raw)
            let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, parts[0].utf8.count == 4, parts[1].utf8.count == 2,
                  UnicodeText.isASCIIDigits(parts[0]), UnicodeText.isASCIIDigits(parts[1]) else {
                return .failure(FieldError(field: "period", message: "expected a period as YYYY-MM, e.g. 2026-11"))
            }
            guard let period = Period(year: Int(parts[0])!, month: Int(parts[1])!) else {
                return .failure(FieldError(field: "period", message: "the month must be 01 to 12 and the year 1900 or later"))
            }
            return .success(period)
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-- /\t\u{A0}x٣１")
        var disagreements: [String] = []
        for _ in 0..<50_000 {
            var chars = Array(String(format: "%04d-%02d", Int.random(in: 0...9999, using: &generator), Int.random(in: 0...99, using: &generator)))
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                let at = Int.random(in: 0...chars.count, using: &generator)
                switch Int.random(in: 0...2, using: &generator) {
                case 0: chars.insert(alphabet.randomElement(using: &generator)!, at: at)
                case 1: if at < chars.count { chars.remove(at: at) }
                default: if at < chars.count { chars[at] = alphabet.randomElement(using: &generator)! }
                }
            }
            let raw = String(chars)
            let fast = Result { () throws(FieldError) -> Period in try Period.parse(raw) }
            let slow = reference(raw)
            let same = switch (fast, slow) {
            case let (.success(a), .success(b)): a == b
            case let (.failure(a), .failure(b)): a.message == b.message && a.field == b.field
            default: false
            }
            if !same { disagreements.append(raw) }
        }
        let count = disagreements.count
        #expect(count == 0, "first ones: \(disagreements.prefix(10))")
    }

    @Test func nextDescriptionAndOrder() throws {
        #expect(try Period.parse("2026-11").next.description == "2026-12")
        #expect(try Period.parse("2026-12").next.description == "2027-01")
        #expect(try Period.parse("2026-09").description == "2026-09")
        #expect(try Period.parse("2026-02") < Period.parse("2026-10"))
        #expect(try Period.parse("2025-12") < Period.parse("2026-01"))
    }

    @Test func codable() throws {
        let period = try Period.parse("2026-11")
        let data = try JSONEncoder().encode([period])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-11\"]")
        #expect(try JSONDecoder().decode([Period].self, from: data) == [period])
    }
}

@Suite("Masking")
struct MaskingTests {
    @Test("masks", arguments: [
        (Masking.phone("0912345678"), "*******678"),
        (Masking.account("0071000123456"), "**********456"),
        (Masking.account("123"), "***"),
        (Masking.account(""), ""),
        (Masking.phone(" 0912345678 "), "*******678"),
    ])
    func masks(actual: String, expected: String) {
        #expect(actual == expected)
    }
}

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test("transient failures climb the ladder", arguments: [
        (1, 0, Duration.seconds(5), 2),
        (2, 1, .seconds(30), 3),
        (3, 2, .seconds(300), 4),
        (0, 0, .seconds(5), 2),
    ])
    func retries(attempt: Int, rung: Int, delay: Duration, next: Int) {
        #expect(RetryPolicy().decision(afterFailedAttempt: attempt, transient: true, reason: "timeout")
            == .retry(delayIndex: rung, delay: delay, nextAttempt: next))
    }

    @Test func exhaustedParks() {
        #expect(RetryPolicy().decision(afterFailedAttempt: 4, transient: true, reason: "registry timeout")
            == .park(reason: "gave up after 4 attempts: registry timeout"))
        #expect(RetryPolicy.dontRetry.decision(afterFailedAttempt: 1, transient: true, reason: "x")
            == .park(reason: "gave up after 1 attempts: x"))
    }

    @Test func permanentParksImmediately() {
        #expect(RetryPolicy().decision(afterFailedAttempt: 1, transient: false, reason: "malformed_json")
            == .park(reason: "malformed_json"))
    }

    @Test func customLadder() {
        let policy = RetryPolicy(delays: [.milliseconds(10)])
        #expect(policy.decision(afterFailedAttempt: 1, transient: true, reason: "r") == .retry(delayIndex: 0, delay: .milliseconds(10), nextAttempt: 2))
        #expect(policy.decision(afterFailedAttempt: 2, transient: true, reason: "r") == .park(reason: "gave up after 2 attempts: r"))
    }
}
