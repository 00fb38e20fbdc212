import Foundation
import Testing
@testable import PensionOperations

@Suite struct HTTPDateTests {
    /// Foundation's formatter for the same form, the reference the hand-written one must match; a
    /// new one per caller, since tests run in parallel and a formatter is not Sendable.
    static func reference() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }

    @Test func rfc9110Example() {
        #expect(HTTPDate.format(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func agreesWithFoundationOnRandomInstants() {
        let reference = Self.reference()
        var disagreements: [Int] = []
        // 1600-01-01 to 9999-12-31, with the leap days and the years before 1970.
        for _ in 0..<20_000 {
            let seconds = Int.random(in: -11_676_096_000...253_402_300_799)
            if HTTPDate.format(secondsSince1970: seconds) != reference.string(from: Date(timeIntervalSince1970: Double(seconds))) {
                disagreements.append(seconds)
            }
        }
        let count = disagreements.count
        #expect(count == 0, "first ones: \(disagreements.prefix(5))")
    }

    @Test func outsideFourDigitYearsIsNil() {
        #expect(HTTPDate.format(secondsSince1970: 253_402_300_800) == nil)
        #expect(HTTPDate.format(secondsSince1970: Int.min) == nil)
    }
}
