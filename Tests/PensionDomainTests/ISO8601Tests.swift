import Foundation
import PensionTesting
import Testing
@testable import PensionDomain

/// `ISO8601.parse` reads the producers' form without Foundation; it must read every string as
/// Foundation's format style does.
@Suite struct ISO8601Tests {
    static func foundation(_ value: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(value) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(value)
    }

    @Test func theFastFormReadsAsFoundationReadsIt() {
        var random = SeededGenerator(seed: 8_601)
        var fast = 0
        for _ in 0..<20_000 {
            let instant = Date(timeIntervalSince1970: Double(Int64.random(in: -62_000_000_000...250_000_000_000, using: &random)))
            let text = Date.ISO8601FormatStyle().format(instant)
            if ISO8601.parseFast(text) != nil { fast += 1 }
            #expect(ISO8601.parse(text) == instant, "\(text)")
            #expect(ISO8601.parse(text) == Self.foundation(text), "\(text)")
        }
        #expect(fast > 14_000)
    }

    /// Milliseconds as producers write them (`Date()` in the import and review), read both ways.
    @Test func theFastFormWithMillisecondsReadsAsFoundationReadsIt() {
        var random = SeededGenerator(seed: 8_603)
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var fast = 0
        for _ in 0..<20_000 {
            let seconds = Double(Int64.random(in: -62_000_000_000...250_000_000_000, using: &random)) + Double.random(in: 0..<1, using: &random)
            let text = style.format(Date(timeIntervalSince1970: seconds))
            if ISO8601.parseFast(text) != nil { fast += 1 }
            #expect(ISO8601.parse(text) == Self.foundation(text), "\(text)")
        }
        #expect(fast > 14_000)
    }

    /// The outreach bodies' whole seconds and the JSON logs' milliseconds, against the Foundation
    /// styles they replaced.
    @Test func secondsAndMillisecondsAsFoundationWritesThem() {
        var random = SeededGenerator(seed: 8_604)
        let logStyle = Date.ISO8601FormatStyle.iso8601.year().month().day().timeZone(separator: .omitted)
            .time(includingFractionalSeconds: true)
        var instants = (0..<20_000).map { index in
            let whole = Double(Int64.random(in: -62_000_000_000...250_000_000_000, using: &random))
            return index % 2 == 0 ? whole : whole + Double.random(in: 0..<1, using: &random)
        }
        instants += [0, -0.5, 0.9999, 1_795_737_599.9999, -11_676_096_000.001, 253_402_300_799.999,
                     // far outside the fast range, down to where whole seconds no longer fit an Int
                     -9.2e18, 9.2e18, -9.3e18, Double(Int.min), Date.distantPast.timeIntervalSince1970, Date.distantFuture.timeIntervalSince1970]
        for seconds in instants {
            let instant = Date(timeIntervalSince1970: seconds)
            #expect(ISO8601.formatSeconds(instant) == instant.formatted(.iso8601), "\(seconds)")
            #expect(ISO8601.formatSeconds(instant) == Date.ISO8601FormatStyle().format(instant), "\(seconds)")
            #expect(ISO8601.formatMilliseconds(instant) == instant.formatted(logStyle), "\(seconds)")
        }
    }

    @Test func theFastFormatWritesWhatFoundationWrites() {
        var random = SeededGenerator(seed: 8_602)
        var fast = 0
        // -62e9 s is the year 5; 250e9 s the year 9892: both sides of the fast range's ends.
        var instants = (0..<30_000).map { index in
            let whole = Double(Int64.random(in: -62_000_000_000...250_000_000_000, using: &random))
            switch index % 3 {
            case 0: return whole
            case 1: return whole + Double(Int.random(in: 1...999, using: &random)) / 1000
            default: return whole + Double.random(in: 0..<1, using: &random)
            }
        }
        instants += [0, -1, 86_399, 86_400, -86_400, -86_401, 951_782_400, 1_795_737_599, -11_676_096_000, -11_676_096_001,
                     253_402_300_799, 253_402_300_800, 0.5, -0.5, 0.0001, 0.9999, 1_795_737_599.9999, -11_676_096_000.001]
        for seconds in instants {
            let instant = Date(timeIntervalSince1970: seconds)
            let whole = seconds.rounded(.down) == seconds
            let foundation = whole ? Date.ISO8601FormatStyle().format(instant)
                : Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(instant)
            if ISO8601.formatFast(instant) != nil { fast += 1 }
            #expect(ISO8601.format(instant) == foundation, "\(seconds)")
        }
        #expect(fast > 21_000)
        #expect(ISO8601.format(Date(timeIntervalSince1970: 0.5)) == "1970-01-01T00:00:00.500Z")
    }

    @Test(arguments: [
        "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-11-26T24:00:00Z", "2026-11-26T12:60:00Z", "2026-11-26T12:00:60Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z", "2026-11-26t12:00:00z", "2026-11-26 12:00:00Z", "2026-11-26T12:00:00+07:00", "2026-11-26T12:00:00.5Z",
        "2026-11-26T12:00:00", "２026-11-26T12:00:00Z", "2026-1-26T12:00:00Z", " 2026-11-26T12:00:00Z ", "1900-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z", "-026-11-26T12:00:00Z", "2026-11-26T12:00:0aZ",
        "2026-11-26T12:00:00.123Z", "2026-11-26T12:00:00X123Z", "2026-11-26T12:00:00.12aZ", "2026-11-26T12:00:00.1234Z",
        "2026-11-26T12:00:00.999Z", "2026-11-26T12:00:00,123Z",
    ])
    func edgeCasesReadAsFoundationReadsThem(_ text: String) {
        #expect(ISO8601.parse(text) == Self.foundation(UnicodeText.trimmed(text)))
    }
}
