import Foundation

/// A way of delivering an outreach notice to a beneficiary.
public enum NoticeChannel: String, Codable, Sendable, Hashable, CaseIterable {
    /// A text message through the SMS gateway.
    case sms
    /// A message from the BHXH Zalo official account.
    case zalo
    /// An e-mail.
    case email
    /// A printed letter to the postal address.
    case letter
    /// A visit by commune staff or a payment-point officer, from the per-commune home-visit list.
    case homeVisit = "home_visit"

    /// True for the channels that need a phone number (SMS and Zalo).
    public var needsPhone: Bool {
        self == .sms || self == .zalo
    }

    /// True for the channels that ring or buzz a phone and so must respect quiet hours (SMS and Zalo).
    ///
    /// E-mail, letters and home visits are not delivered at night by their nature, so they are not restricted.
    public var isSubjectToQuietHours: Bool { needsPhone }

    /// Accepts the raw values in any case, with spaces or dashes for underscores, plus `e-mail`/`mail`
    /// and `visit`.
    public init?(parsing raw: String) {
        let key = PersonName.unaccentedKey(raw).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        switch key {
        case "sms": self = .sms
        case "zalo": self = .zalo
        case "email", "e_mail", "mail": self = .email
        case "letter": self = .letter
        case "home_visit", "homevisit", "visit": self = .homeVisit
        default: return nil
        }
    }
}
