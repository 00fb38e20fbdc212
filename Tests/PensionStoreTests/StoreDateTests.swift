import Foundation
import GRDB
import PensionTesting
import Testing
@testable import PensionStore

/// `StoreDate` writes and reads what GRDB writes and reads, without Foundation's formatter.
@Suite struct StoreDateTests {
    /// Random instants from the year 5 to 9892, whole and with fractions, and the fast range's edges.
    static func instants() -> [Date] {
        var random = SeededGenerator(seed: 2_026)
        var seconds: [Double] = (0..<20_000).map { index in
            let whole = Double(Int64.random(in: -62_000_000_000...250_000_000_000, using: &random))
            switch index % 4 {
            case 0: return whole
            case 1: return whole + Double(Int.random(in: 0...999, using: &random)) / 1000
            default: return whole + Double.random(in: 0..<1, using: &random)
            }
        }
        seconds += [0, -0.001, -0.0005, 0.0009999, 1.001, 1_795_737_599.999, 1_795_737_599.9999,
                    -11_676_096_000, -11_676_096_000.5, 253_402_300_799.999, 253_402_300_800]
        return seconds.map { Date(timeIntervalSince1970: $0) } + Self.extremes
    }

    /// Outside the fast range, down to where whole milliseconds no longer fit an Int: these go to
    /// GRDB and must not trap on the way (`distantFuture`, the year 4001, is inside it).
    static let extremes = [Date.distantPast, Date(timeIntervalSince1970: -9.2e15), Date(timeIntervalSince1970: 9.2e15),
                           Date(timeIntervalSince1970: -9.3e15)]

    @Test func extremesGoToGRDB() {
        for date in Self.extremes { #expect(StoreDate.text(date) == nil) }
        #expect(StoreDate.text(.distantFuture) == "4001-01-01 00:00:00.000")
    }

    @Test func writesWhatGRDBWrites() {
        var fast = 0
        for date in Self.instants() {
            #expect(StoreDate.value(date) == date.databaseValue, "\(date.timeIntervalSince1970)")
            if StoreDate.text(date) != nil { fast += 1 }
        }
        #expect(fast > 14_000)
    }

    @Test func readsWhatGRDBReads() {
        var fast = 0
        for date in Self.instants() {
            let stored = date.databaseValue
            #expect(StoreDate.date(stored) == Date.fromDatabaseValue(stored), "\(stored)")
            if case .string(let text) = stored.storage, StoreDate.parse(text) != nil { fast += 1 }
        }
        #expect(fast > 14_000)
        for text in ["2026-11-28 01:02:03", "2026-11-28", "2026-11-28T01:02:03.456", "2026-02-30 00:00:00.000",
                     "2026-11-28 24:00:00.000", "0999-01-01 00:00:00.000", "x"] {
            #expect(StoreDate.date(text.databaseValue) == Date.fromDatabaseValue(text.databaseValue), "\(text)")
        }
        #expect(StoreDate.date(1_795_737_600.databaseValue) == Date(timeIntervalSince1970: 1_795_737_600))
    }
}
