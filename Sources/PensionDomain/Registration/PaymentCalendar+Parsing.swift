import Foundation

extension PaymentCalendar {
    /// Reads a request time as officers and systems write it.
    ///
    /// Accepts an ISO-8601 instant with a zone (`2026-11-20T10:15:00+07:00`, `…Z`, fractional
    /// seconds allowed), or a local Vietnam time without a zone: `YYYY-MM-DD HH:MM[:SS]`,
    /// `YYYY-MM-DDTHH:MM[:SS]`, `DD/MM/YYYY HH:MM[:SS]`, or a bare date (`YYYY-MM-DD`, `DD/MM/YYYY`)
    /// meaning local midnight. Returns nil for anything else, or for a date outside 2000–2199.
    public static func parseInstant(_ raw: String, utcOffsetSeconds: Int = vietnamUTCOffsetSeconds) -> Date? {
        let value = UnicodeText.trimmed(raw)
        guard !value.isEmpty else { return nil }
        if let instant = ISO8601.parse(value) {
            let year = CivilDay(instant, utcOffsetSeconds: utcOffsetSeconds).year
            return (2000...2199).contains(year) ? instant : nil
        }
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard (1...2).contains(parts.count) else { return nil }
        guard let date = try? PartialDate.parse(parts[0]), let month = date.month, let day = date.day,
              (2000...2199).contains(date.year) else { return nil }
        var secondsOfDay = 0
        if parts.count == 2 {
            let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (2...3).contains(time.count), time.allSatisfy({ $0.utf8.count == 2 && UnicodeText.isASCIIDigits($0) }) else {
                return nil
            }
            let hour = Int(time[0])!, minute = Int(time[1])!, second = time.count == 3 ? Int(time[2])! : 0
            guard hour < 24, minute < 60, second < 60 else { return nil }
            secondsOfDay = hour * 3600 + minute * 60 + second
        }
        let dayNumber = CivilDay(year: date.year, month: month, day: day).dayNumber
        return Date(timeIntervalSince1970: TimeInterval(dayNumber * 86_400 + secondsOfDay - utcOffsetSeconds))
    }
}
