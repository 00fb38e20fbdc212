import Foundation

/// The local night-time window in which SMS and Zalo notices are deferred, not dropped.
///
/// Times are minutes after local midnight at a fixed UTC offset (Vietnam, UTC+7, has no daylight
/// saving). A window whose start is later than its end crosses midnight (the default 21:00–07:00);
/// a window whose start equals its end is empty.
public struct QuietHours: Hashable, Sendable, CustomStringConvertible {
    /// Start of the quiet window, minutes after local midnight (0..<1440), inclusive.
    public let startMinute: Int
    /// End of the quiet window, minutes after local midnight (0..<1440), exclusive.
    public let endMinute: Int
    /// The local time zone as a fixed offset from UTC, in seconds.
    public let utcOffsetSeconds: Int

    /// 21:00–07:00 Vietnam time.
    public static let vietnamDefault = QuietHours()

    /// Creates a window from `startHour:startMinute` (inclusive) to `endHour:endMinute` (exclusive), local time.
    ///
    /// Out-of-range values wrap around the day (25:00 is 01:00), so every input gives a valid window.
    public init(startHour: Int = 21, startMinute: Int = 0, endHour: Int = 7, endMinute: Int = 0,
                utcOffsetSeconds: Int = PaymentCalendar.vietnamUTCOffsetSeconds) {
        self.startMinute = Self.wrap(startHour * 60 + startMinute)
        self.endMinute = Self.wrap(endHour * 60 + endMinute)
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Parses `HH:MM-HH:MM` (e.g. `21:00-07:00`, also with an en dash), at the given offset.
    public static func parse(_ raw: String, field: String = "quiet_hours",
                             utcOffsetSeconds: Int = PaymentCalendar.vietnamUTCOffsetSeconds) throws(FieldError) -> QuietHours {
        let parts = UnicodeText.trimmed(raw).replacingOccurrences(of: "\u{2013}", with: "-")
            .split(separator: "-", omittingEmptySubsequences: false).map { UnicodeText.trimmed(String($0)) }
        guard parts.count == 2, let start = clockTime(parts[0]), let end = clockTime(parts[1]) else {
            throw FieldError(field: field, message: "expected HH:MM-HH:MM in local time, e.g. 21:00-07:00")
        }
        return QuietHours(startHour: start.hour, startMinute: start.minute, endHour: end.hour, endMinute: end.minute,
                          utcOffsetSeconds: utcOffsetSeconds)
    }

    /// True when `instant` falls inside the quiet window (local time).
    public func isQuiet(at instant: Date) -> Bool {
        let second = localSecondOfDay(instant)
        let start = Double(startMinute * 60), end = Double(endMinute * 60)
        if startMinute == endMinute { return false }
        if startMinute < endMinute { return second >= start && second < end }
        return second >= start || second < end
    }

    /// The earliest instant at or after `instant` outside the quiet window: `instant` itself when it is
    /// allowed, otherwise the window's next end.
    public func nextAllowed(after instant: Date) -> Date {
        guard isQuiet(at: instant) else { return instant }
        let second = localSecondOfDay(instant)
        let end = Double(endMinute * 60)
        // Crossing midnight and still before it: the end is tomorrow.
        let wait = second < end ? end - second : 86_400 - second + end
        return instant.addingTimeInterval(wait)
    }

    /// When a notice on `channel` may go out: deferred past the quiet window for SMS and Zalo, at once otherwise.
    public func nextAllowed(for channel: NoticeChannel, after instant: Date) -> Date {
        channel.isSubjectToQuietHours ? nextAllowed(after: instant) : instant
    }

    /// `HH:MM-HH:MM UTC+H`.
    public var description: String {
        func clock(_ minutes: Int) -> String {
            let h = minutes / 60, m = minutes % 60
            return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
        }
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let offset = abs(utcOffsetSeconds)
        let hours = offset / 3600, minutes = (offset % 3600) / 60
        return "\(clock(startMinute))-\(clock(endMinute)) UTC\(sign)\(hours)" + (minutes == 0 ? "" : ":\(minutes < 10 ? "0" : "")\(minutes)")
    }

    // MARK: - Internals

    /// Seconds since local midnight, in 0..<86400 (fractions kept).
    func localSecondOfDay(_ instant: Date) -> Double {
        let local = instant.timeIntervalSince1970 + Double(utcOffsetSeconds)
        let second = local - (local / 86_400).rounded(.down) * 86_400
        return second >= 86_400 ? 0 : max(0, second)
    }

    static func wrap(_ minutes: Int) -> Int {
        let r = minutes % 1440
        return r < 0 ? r + 1440 : r
    }

    static func clockTime(_ s: String) -> (hour: Int, minute: Int)? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, (1...2).contains(parts[0].utf8.count), parts[1].utf8.count == 2,
              UnicodeText.isASCIIDigits(parts[0]), UnicodeText.isASCIIDigits(parts[1]),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else { return nil }
        return (hour, minute)
    }
}
