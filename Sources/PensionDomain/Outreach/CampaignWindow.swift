import Foundation

/// The campaign window: at most one notice per beneficiary per window, and the window key that goes
/// into the notice's idempotency key.
///
/// Windows are consecutive blocks of `days` days counted from a fixed epoch at local midnight, so
/// every worker computes the same key for the same instant without coordination.
public struct CampaignWindow: Hashable, Sendable, CustomStringConvertible {
    /// The default window length, in days.
    public static let defaultDays = 30
    /// 2025-01-01 00:00 in Vietnam (2024-12-31T17:00:00Z): window 0 starts here.
    public static let defaultEpoch = Date(timeIntervalSince1970: 1_735_664_400)

    /// The window length in days (at least 1).
    public let days: Int
    /// The start of window 0.
    public let epoch: Date

    /// Creates a window of `days` days (values below 1 become 1).
    public init(days: Int = defaultDays, epoch: Date = defaultEpoch) {
        self.days = max(1, days)
        self.epoch = epoch
    }

    /// The window length in seconds.
    public var length: TimeInterval { TimeInterval(days) * 86_400 }

    /// True when a new notice may be sent at `now`: none was sent before, or the last one is at least
    /// one window length ago.
    ///
    /// The test is a rolling one, so two notices are never closer than `days` days, even across a window
    /// boundary. A last notice "in the future" (clock skew between workers) blocks sending.
    public func allowsNotice(lastNoticeAt: Date?, now: Date) -> Bool {
        guard let lastNoticeAt else { return true }
        return now.timeIntervalSince(lastNoticeAt) >= length
    }

    /// The earliest instant a new notice is allowed, given the last one (`nil` when there was none).
    public func nextNoticeAllowed(lastNoticeAt: Date?) -> Date? {
        lastNoticeAt?.addingTimeInterval(length)
    }

    /// The number of whole windows between the epoch and `date` (negative before the epoch).
    public func windowIndex(for date: Date) -> Int {
        let elapsed = date.timeIntervalSince(epoch) / length
        let clamped = min(max(elapsed.rounded(.down), -1e15), 1e15)
        return Int(clamped)
    }

    /// A stable key for the window containing `date`, e.g. `30d-0023`; the length is part of the key so
    /// a change of configuration never reuses an old key.
    public func windowKey(for date: Date) -> String {
        let index = windowIndex(for: date)
        let digits = String(abs(index))
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return "\(days)d-" + (index < 0 ? "m" : "") + padded
    }

    /// The interval of window `index`.
    public func interval(ofWindow index: Int) -> DateInterval {
        DateInterval(start: epoch.addingTimeInterval(TimeInterval(index) * length), duration: length)
    }

    /// The interval of the window containing `date`.
    public func interval(containing date: Date) -> DateInterval {
        interval(ofWindow: windowIndex(for: date))
    }

    /// `CampaignWindow(30 days)`.
    public var description: String { "CampaignWindow(\(days) days)" }
}
