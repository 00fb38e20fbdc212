import Foundation

/// Chooses the ordered list of channels to try for one beneficiary (FACTS §10.5).
///
/// The worker sends on the first channel; when that one fails permanently it records the failure
/// and plans again, so the next channel becomes the fallback.
public enum ChannelPlanner: Sendable {
    /// The age from which a home visit and a letter head the list, by default.
    public static let defaultVeryOldAge = 80

    /// The ordinary order when nothing else decides: the cheap, fast channels first.
    static let standardOrder: [NoticeChannel] = [.sms, .zalo, .email, .letter, .homeVisit]
    /// The order for the very old, who rarely read messages themselves: a visit, a letter for the family, then the rest.
    static let veryOldOrder: [NoticeChannel] = [.homeVisit, .letter, .sms, .zalo, .email]

    /// The channels to try, best first, without duplicates.
    ///
    /// - A usable preferred channel comes first.
    /// - SMS needs a phone; Zalo needs a phone with a Zalo account; e-mail needs an address; a letter
    ///   needs a postal address; a home visit is always possible and always in the list (last, or
    ///   first for the very old).
    /// - A channel whose last failure was permanent (e.g. an invalid number) is left out.
    /// - An opted-out beneficiary gets an empty list.
    /// - Parameters:
    ///   - age: the age in whole years, when known; an unknown age is not treated as very old.
    ///   - excluded: channels not to use (switched off for the campaign, or already tried in this window).
    ///   - veryOldAge: from this age on, home visit then letter lead the list.
    public static func plan(profile: ContactProfile, age: Int?, excluded: Set<NoticeChannel> = [],
                            veryOldAge: Int = defaultVeryOldAge) -> [NoticeChannel] {
        guard !profile.optedOut else { return [] }
        let isVeryOld = age.map { $0 >= veryOldAge } ?? false
        var order: [NoticeChannel] = []
        if let preferred = profile.preferredChannel { order.append(preferred) }
        for channel in isVeryOld ? veryOldOrder : standardOrder where !order.contains(channel) {
            order.append(channel)
        }
        return order.filter { !excluded.contains($0) && isUsable($0, for: profile) }
    }

    /// True when `channel` can reach the beneficiary with the contact data on file and has not failed permanently.
    public static func isUsable(_ channel: NoticeChannel, for profile: ContactProfile) -> Bool {
        guard !profile.hasPermanentlyFailed(channel) else { return false }
        switch channel {
        case .sms: return profile.hasPhone
        case .zalo: return profile.hasPhone && profile.zaloAvailable
        case .email: return profile.hasEmail
        case .letter: return profile.postalAddressKnown
        case .homeVisit: return true
        }
    }
}
