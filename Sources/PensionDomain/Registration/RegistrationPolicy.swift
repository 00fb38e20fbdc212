import Foundation

/// The configurable parts of the registration rules.
public struct RegistrationPolicy: Hashable, Sendable {
    /// Requests on or before this local day of the month switch from the next period, later ones
    /// from the period after (1...31; clamped).
    public var cutOffDay: Int
    /// Authorisation limits, including the legacy lapse date.
    public var authorisation: AuthorisationPolicy
    /// The local time zone as a fixed UTC offset (Vietnam: +7 h, no daylight saving).
    public var utcOffsetSeconds: Int

    /// Creates a policy; the defaults are cut-off day 20, the national authorisation rules and UTC+7.
    public init(cutOffDay: Int = PaymentCalendar.defaultCutOffDay, authorisation: AuthorisationPolicy = .standard,
                utcOffsetSeconds: Int = PaymentCalendar.vietnamUTCOffsetSeconds) {
        self.cutOffDay = min(max(cutOffDay, 1), 31)
        self.authorisation = authorisation
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The defaults.
    public static let standard = RegistrationPolicy()
}
