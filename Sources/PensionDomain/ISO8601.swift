import Foundation

/// ISO-8601 instants for the wire; internal because callers should hand over `Date` values.
enum ISO8601: Sendable {
    static func parse(_ raw: String) -> Date? {
        let value = UnicodeText.trimmed(raw)
        if let date = try? Date.ISO8601FormatStyle().parse(value) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(value)
    }

    static func format(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        return whole ? Date.ISO8601FormatStyle().format(date)
            : Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
