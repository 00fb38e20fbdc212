import Foundation
import Testing
@testable import PensionDomain

@Suite("PartialDate")
struct PartialDateTests {
    @Test("parses every accepted form", arguments: [
        ("1950-03-07", "1950-03-07"),
        ("07/03/1950", "1950-03-07"),
        ("7/3/1950", "1950-03-07"),
        ("03/1950", "1950-03"),
        ("3/1950", "1950-03"),
        ("1950", "1950"),
        ("1950-03", "1950-03"),
        (" 1950-03-07\u{00A0}", "1950-03-07"),
        ("2000-02-29", "2000-02-29"),
        ("29/02/1952", "1952-02-29"),
        ("2024-02-29", "2024-02-29"),
        ("1850", "1850"),
        ("2200-12-31", "2200-12-31"),
        ("31/12/1999", "1999-12-31"),
        ("1945-09-02", "1945-09-02"),
    ])
    func parses(raw: String, iso: String) throws {
        #expect(try PartialDate.parse(raw).iso == iso)
    }

    @Test("rejects", arguments: [
        "", "   ", "1900-02-29", "2100-02-29", "1951-02-29", "29/02/1951", "1950-04-31", "31/04/1950",
        "1950-13", "13/1950", "00/1950", "1950-00-10", "1950-01-00", "1849", "2201", "50", "1950-3-7",
        "1950/03/07", "07-03-1950", "07/03/50", "1950-03-07T00:00", "abcd", "１９５０", "07/03/1950/1",
        "/1950", "1950-", "123/03/1950",
    ])
    func rejects(raw: String) {
        #expect(throws: FieldError.self) { try PartialDate.parse(raw) }
    }

    @Test func errorNamesFieldButNotValue() {
        do {
            _ = try PartialDate.parse("31/04/1950", field: "date_of_birth")
            Issue.record("expected a throw")
        } catch {
            #expect(error.field == "date_of_birth")
            #expect(!error.message.contains("1950"))
        }
    }

    @Test("leap years", arguments: [(1900, false), (2000, true), (2024, true), (2023, false), (2100, false), (1852, true)])
    func leap(year: Int, isLeap: Bool) {
        #expect(PartialDate.isLeapYear(year) == isLeap)
    }

    @Test("agreement compares only known parts", arguments: [
        ("1950", "1950-03-07", true),
        ("1950-03", "1950-03-07", true),
        ("1950-03", "1950-04-01", false),
        ("1950-03-07", "1950-03-08", false),
        ("1950", "1951", false),
        ("1950-03-07", "07/03/1950", true),
        ("1950-03-07", "1950", true),
        ("1951-03-07", "1950", false),
    ])
    func agrees(a: String, b: String, expected: Bool) throws {
        let x = try PartialDate.parse(a), y = try PartialDate.parse(b)
        #expect(x.agrees(with: y) == expected)
        #expect(y.agrees(with: x) == expected)
    }

    @Test func failableInitRules() {
        #expect(PartialDate(year: 1950, month: nil, day: 3) == nil)
        #expect(PartialDate(year: 1950, month: 2, day: 29) == nil)
        #expect(PartialDate(year: 1952, month: 2, day: 29) != nil)
        #expect(PartialDate(year: 1849) == nil)
    }

    @Test func codableUsesISO() throws {
        let dates = [try PartialDate.parse("1950"), try PartialDate.parse("03/1950"), try PartialDate.parse("07/03/1950")]
        let data = try JSONEncoder().encode(dates)
        #expect(String(decoding: data, as: UTF8.self) == "[\"1950\",\"1950-03\",\"1950-03-07\"]")
        #expect(try JSONDecoder().decode([PartialDate].self, from: data) == dates)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PartialDate].self, from: Data("[\"1950-02-30\"]".utf8)) }
    }
}
