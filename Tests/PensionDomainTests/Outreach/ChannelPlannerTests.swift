import Foundation
import Testing
@testable import PensionDomain

@Suite("NoticeChannel")
struct NoticeChannelTests {
    @Test func rawValues() {
        #expect(NoticeChannel.allCases.map(\.rawValue) == ["sms", "zalo", "email", "letter", "home_visit"])
    }

    @Test("parsing", arguments: [
        ("sms", NoticeChannel.sms), ("SMS", .sms), (" Zalo ", .zalo), ("e-mail", .email), ("EMAIL", .email),
        ("letter", .letter), ("home visit", .homeVisit), ("home-visit", .homeVisit), ("home_visit", .homeVisit),
    ] as [(String, NoticeChannel)])
    func parsing(raw: String, expected: NoticeChannel) {
        #expect(NoticeChannel(parsing: raw) == expected)
    }

    @Test func unknownNamesAreRejected() {
        #expect(NoticeChannel(parsing: "fax") == nil)
        #expect(NoticeChannel(parsing: "") == nil)
    }

    @Test func quietHourChannels() {
        #expect(NoticeChannel.allCases.filter(\.isSubjectToQuietHours) == [.sms, .zalo])
        #expect(NoticeChannel.allCases.filter(\.needsPhone) == [.sms, .zalo])
    }

    @Test func codableUsesRawValues() throws {
        let data = try JSONEncoder().encode([NoticeChannel.homeVisit])
        #expect(String(decoding: data, as: UTF8.self) == "[\"home_visit\"]")
    }
}

@Suite("ContactProfile")
struct ContactProfileTests {
    @Test func descriptionMasksContactData() {
        let profile = ContactProfile(phone: "0912345678", zaloAvailable: true, email: "an.nguyen@example.vn",
                                     lastFailures: [.sms: .invalidNumber])
        let text = profile.description
        #expect(!text.contains("0912345678"))
        #expect(text.contains("*******678"))
        #expect(!text.contains("an.nguyen"))
        #expect(!text.contains("example.vn"))
        #expect(text.contains("sms: invalid_number"))
    }

    @Test func blankContactDataCountsAsNone() {
        let profile = ContactProfile(phone: " \u{00A0}", email: "")
        #expect(!profile.hasPhone)
        #expect(!profile.hasEmail)
    }

    @Test func onlyPermanentFailuresCount() {
        #expect(ChannelFailure.allCases.filter { !$0.isPermanent } == [.temporary])
        let profile = ContactProfile(lastFailures: [.sms: .temporary, .zalo: .notRegistered])
        #expect(!profile.hasPermanentlyFailed(.sms))
        #expect(profile.hasPermanentlyFailed(.zalo))
        #expect(!profile.hasPermanentlyFailed(.email))
    }
}

@Suite("ChannelPlanner")
struct ChannelPlannerTests {
    static let phone = "0912345678"
    static let full = ContactProfile(phone: phone, zaloAvailable: true, email: "a@example.vn", postalAddressKnown: true)

    @Test("plans per profile", arguments: [
        // Everything known, not very old: the standard order.
        (full, 70, [NoticeChannel.sms, .zalo, .email, .letter, .homeVisit]),
        // Nothing known: only a home visit.
        (ContactProfile(), 70, [.homeVisit]),
        // Phone without Zalo.
        (ContactProfile(phone: phone), 65, [.sms, .homeVisit]),
        // Zalo flag without a phone is not enough.
        (ContactProfile(zaloAvailable: true), 65, [.homeVisit]),
        // E-mail only.
        (ContactProfile(email: "a@example.vn"), 65, [.email, .homeVisit]),
        // Address only.
        (ContactProfile(postalAddressKnown: true), 65, [.letter, .homeVisit]),
        // Preference first when usable.
        (ContactProfile(phone: phone, zaloAvailable: true, preferredChannel: .zalo), 65, [.zalo, .sms, .homeVisit]),
        (ContactProfile(phone: phone, postalAddressKnown: true, preferredChannel: .letter), 65, [.letter, .sms, .homeVisit]),
        (ContactProfile(phone: phone, preferredChannel: .homeVisit), 65, [.homeVisit, .sms]),
        // An unusable preference is ignored.
        (ContactProfile(phone: phone, preferredChannel: .email), 65, [.sms, .homeVisit]),
        (ContactProfile(phone: phone, preferredChannel: .zalo), 65, [.sms, .homeVisit]),
        // Very old: home visit and letter first.
        (full, 80, [.homeVisit, .letter, .sms, .zalo, .email]),
        (full, 95, [.homeVisit, .letter, .sms, .zalo, .email]),
        (full, 79, [.sms, .zalo, .email, .letter, .homeVisit]),
        (ContactProfile(phone: phone), 85, [.homeVisit, .sms]),
        // Very old, but the preference still comes first.
        (ContactProfile(phone: phone, postalAddressKnown: true, preferredChannel: .sms), 88, [.sms, .homeVisit, .letter]),
        // A permanent failure skips the channel, so the next one is the fallback.
        (ContactProfile(phone: phone, zaloAvailable: true, postalAddressKnown: true, lastFailures: [.sms: .invalidNumber]), 70,
         [.zalo, .letter, .homeVisit]),
        (ContactProfile(phone: phone, zaloAvailable: true, preferredChannel: .sms, lastFailures: [.sms: .invalidNumber]), 70,
         [.zalo, .homeVisit]),
        (ContactProfile(phone: phone, zaloAvailable: true, lastFailures: [.zalo: .notRegistered]), 70, [.sms, .homeVisit]),
        (ContactProfile(email: "a@example.vn", postalAddressKnown: true,
                        lastFailures: [.email: .invalidAddress, .letter: .invalidAddress]), 70, [.homeVisit]),
        // A temporary failure does not.
        (ContactProfile(phone: phone, lastFailures: [.sms: .temporary]), 70, [.sms, .homeVisit]),
    ] as [(ContactProfile, Int, [NoticeChannel])])
    func plan(profile: ContactProfile, age: Int, expected: [NoticeChannel]) {
        #expect(ChannelPlanner.plan(profile: profile, age: age) == expected)
    }

    @Test func unknownAgeIsNotVeryOld() {
        #expect(ChannelPlanner.plan(profile: Self.full, age: nil).first == .sms)
    }

    @Test func optedOutGetsNothing() {
        var profile = Self.full
        profile.optedOut = true
        #expect(ChannelPlanner.plan(profile: profile, age: 90).isEmpty)
        #expect(ChannelPlanner.plan(profile: profile, age: 60).isEmpty)
    }

    @Test func excludedChannelsAreLeftOut() {
        #expect(ChannelPlanner.plan(profile: Self.full, age: 70, excluded: [.sms, .email]) == [.zalo, .letter, .homeVisit])
        #expect(ChannelPlanner.plan(profile: Self.full, age: 90, excluded: [.homeVisit]) == [.letter, .sms, .zalo, .email])
        #expect(ChannelPlanner.plan(profile: ContactProfile(), age: 70, excluded: [.homeVisit]).isEmpty)
    }

    @Test func veryOldAgeIsConfigurable() {
        #expect(ChannelPlanner.plan(profile: Self.full, age: 75, veryOldAge: 75).first == .homeVisit)
        #expect(ChannelPlanner.plan(profile: Self.full, age: 80, veryOldAge: 85).first == .sms)
        #expect(ChannelPlanner.defaultVeryOldAge == 80)
    }

    @Test func fallbackChainEndsInHomeVisit() {
        // Record a permanent failure on each first choice in turn: the plan walks down the list.
        var profile = Self.full
        var tried: [NoticeChannel] = []
        while let next = ChannelPlanner.plan(profile: profile, age: 70).first, next != .homeVisit {
            tried.append(next)
            profile.lastFailures[next] = .rejected
        }
        #expect(tried == [.sms, .zalo, .email, .letter])
        #expect(ChannelPlanner.plan(profile: profile, age: 70) == [.homeVisit])
    }

    @Test func plansNeverRepeatAChannel() {
        for preferred in NoticeChannel.allCases {
            for age in [60, 80] {
                var profile = Self.full
                profile.preferredChannel = preferred
                let plan = ChannelPlanner.plan(profile: profile, age: age)
                #expect(Set(plan).count == plan.count)
                #expect(plan.first == preferred)
                #expect(plan.count == NoticeChannel.allCases.count)
            }
        }
    }
}
