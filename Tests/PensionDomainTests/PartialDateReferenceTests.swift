import PensionTesting
import Testing
@testable import PensionDomain

/// `PartialDate.parse` reads bytes; the split-into-strings version it replaced is kept here as the
/// reference it must agree with, value and message, on random text near the accepted forms.
@Suite struct PartialDateReferenceTests {
    @Test func theByteParserAgreesWithTheSplittingOne() {
        var random = SeededGenerator(seed: 1_950)
        let alphabet: [String] = ["0", "1", "2", "3", "7", "9", "1950", "2024", "02", "29", "/", "/", "-", "-", " ", "x", "٣", "\u{00A0}"]
        var parsed = 0
        for _ in 0..<50_000 {
            let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
            let fast = Result { () throws(FieldError) in try PartialDate.parse(text, field: "dob") }
            let reference = Result { () throws(FieldError) in try Self.reference(text, field: "dob") }
            #expect(fast == reference, "\(text)")
            if case .success = fast { parsed += 1 }
        }
        #expect(parsed > 500)
    }

    /// The parser before the byte version (sitting 12), unchanged but for its name; the checks
    /// of the parts it found, which did not change, are shared.
    static func reference(_ raw: String, field: String) throws(FieldError) -> PartialDate {
        let value = UnicodeText.trimmed(raw)
        guard !value.isEmpty else { throw FieldError(field: field, message: "the date is empty") }
        let formatHelp = "expected YYYY-MM-DD, DD/MM/YYYY, MM/YYYY, YYYY-MM or YYYY"
        let year: Int, month: Int?, day: Int?
        if value.utf8.contains(UInt8(ascii: "/")) {
            let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.allSatisfy(UnicodeText.isASCIIDigits), parts.last?.utf8.count == 4 else {
                throw FieldError(field: field, message: formatHelp)
            }
            guard parts.dropLast().allSatisfy({ (1...2).contains($0.utf8.count) }) else {
                throw FieldError(field: field, message: formatHelp)
            }
            switch parts.count {
            case 3: (day, month, year) = (Int(parts[0]), Int(parts[1]), Int(parts[2])!)
            case 2: (day, month, year) = (nil, Int(parts[0]), Int(parts[1])!)
            default: throw FieldError(field: field, message: formatHelp)
            }
        } else {
            let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard (1...3).contains(parts.count), parts.allSatisfy(UnicodeText.isASCIIDigits),
                  parts[0].utf8.count == 4, parts.dropFirst().allSatisfy({ $0.utf8.count == 2 }) else {
                throw FieldError(field: field, message: formatHelp)
            }
            year = Int(parts[0])!
            month = parts.count > 1 ? Int(parts[1]) : nil
            day = parts.count > 2 ? Int(parts[2]) : nil
        }
        return try PartialDate.checked(year: year, month: month, day: day, field: field)
    }
}
