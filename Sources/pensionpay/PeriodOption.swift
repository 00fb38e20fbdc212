import ArgumentParser
import Foundation
import PensionDomain

/// `--period YYYY-MM`, defaulting to the current month in Vietnam time (UTC+7).
struct PeriodOption: ParsableArguments {
    @Option(help: "Payment period YYYY-MM (default: this month, Vietnam time).")
    var period: String?

    func resolved(now: Date = Date()) throws -> Period {
        if let period {
            do { return try Period.parse(period) } catch { throw ValidationError("\(error)") }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let parts = calendar.dateComponents([.year, .month], from: now)
        return Period(year: parts.year!, month: parts.month!)!
    }
}
