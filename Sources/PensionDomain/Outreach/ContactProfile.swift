import Foundation

/// The contact data and preferences the channel planner works from.
///
/// `description` masks the phone number and hides the e-mail address.
public struct ContactProfile: Hashable, Sendable, CustomStringConvertible {
    /// The mobile number, if any (as stored; blank counts as none).
    public var phone: String?
    /// True when the phone number is known to have a Zalo account that follows the official account.
    public var zaloAvailable: Bool
    /// The e-mail address, if any (blank counts as none).
    public var email: String?
    /// True when a usable postal address is on file.
    public var postalAddressKnown: Bool
    /// The channel the beneficiary (or a relative) asked for.
    public var preferredChannel: NoticeChannel?
    /// True when the beneficiary asked not to receive notices.
    public var optedOut: Bool
    /// The last failure per channel; permanent ones exclude the channel.
    public var lastFailures: [NoticeChannel: ChannelFailure]

    /// Creates a profile; everything defaults to "unknown" except that a home visit is always possible.
    public init(phone: String? = nil, zaloAvailable: Bool = false, email: String? = nil, postalAddressKnown: Bool = false,
                preferredChannel: NoticeChannel? = nil, optedOut: Bool = false, lastFailures: [NoticeChannel: ChannelFailure] = [:]) {
        self.phone = phone
        self.zaloAvailable = zaloAvailable
        self.email = email
        self.postalAddressKnown = postalAddressKnown
        self.preferredChannel = preferredChannel
        self.optedOut = optedOut
        self.lastFailures = lastFailures
    }

    /// True when a non-blank phone number is on file.
    public var hasPhone: Bool { !UnicodeText.trimmed(phone ?? "").isEmpty }

    /// True when a non-blank e-mail address is on file.
    public var hasEmail: Bool { !UnicodeText.trimmed(email ?? "").isEmpty }

    /// True when the last failure on `channel` was permanent.
    public func hasPermanentlyFailed(_ channel: NoticeChannel) -> Bool {
        lastFailures[channel]?.isPermanent ?? false
    }

    /// The fields with the phone masked and the e-mail reduced to whether one is set.
    public var description: String {
        let failures = lastFailures.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key.rawValue): \($0.value.rawValue)" }.joined(separator: ", ")
        return "ContactProfile(phone: " + (phone.map(Masking.phone) ?? "nil")
            + ", zalo: \(zaloAvailable), email: " + (hasEmail ? "set" : "nil")
            + ", postal: \(postalAddressKnown), preferred: " + (preferredChannel?.rawValue ?? "nil")
            + ", optedOut: \(optedOut), failures: [\(failures)])"
    }
}
