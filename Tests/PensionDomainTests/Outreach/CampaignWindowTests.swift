import Foundation
import Testing
@testable import PensionDomain

@Suite("CampaignWindow")
struct CampaignWindowTests {
    let window = CampaignWindow()

    @Test func epochIsVietnamMidnight() {
        #expect(CampaignWindow.defaultEpoch == outreachInstant("2025-01-01T00:00:00+07:00"))
        #expect(window.days == 30)
    }

    @Test("window keys at the boundaries", arguments: [
        ("2025-01-01T00:00:00+07:00", 0, "30d-0000"),
        ("2024-12-31T17:00:00Z", 0, "30d-0000"),
        ("2025-01-30T23:59:59+07:00", 0, "30d-0000"),
        ("2025-01-31T00:00:00+07:00", 1, "30d-0001"),
        ("2024-12-31T23:59:59+07:00", -1, "30d-m0001"),
        ("2024-12-02T00:00:00+07:00", -1, "30d-m0001"),
        ("2024-12-01T23:59:59+07:00", -2, "30d-m0002"),
        ("2026-11-20T12:00:00+07:00", 22, "30d-0022"),
        ("2026-11-21T23:59:59+07:00", 22, "30d-0022"),
        ("2026-11-21T16:59:59Z", 22, "30d-0022"),
        // Window 23 starts at local midnight on 22 Nov, while the UTC date is still 21 Nov.
        ("2026-11-21T17:00:00Z", 23, "30d-0023"),
        ("2026-11-22T00:00:00+07:00", 23, "30d-0023"),
        ("2125-01-01T00:00:00+07:00", 1217, "30d-1217"),
        ("2850-01-01T00:00:00+07:00", 10_044, "30d-10044"),
    ] as [(String, Int, String)])
    func keys(instant: String, index: Int, key: String) {
        let date = outreachInstant(instant)
        #expect(window.windowIndex(for: date) == index)
        #expect(window.windowKey(for: date) == key)
        #expect(window.interval(containing: date).contains(date))
    }

    @Test func intervalsTileTheTimeline() {
        let w22 = window.interval(ofWindow: 22)
        #expect(w22.start == outreachInstant("2026-10-23T00:00:00+07:00"))
        #expect(w22.end == outreachInstant("2026-11-22T00:00:00+07:00"))
        #expect(window.interval(ofWindow: 23).start == w22.end)
        #expect(window.windowIndex(for: w22.end.addingTimeInterval(-0.001)) == 22)
    }

    @Test func lengthIsConfigurableAndPartOfTheKey() {
        let week = CampaignWindow(days: 7)
        let date = outreachInstant("2025-01-15T10:00:00+07:00")
        #expect(week.windowIndex(for: date) == 2)
        #expect(week.windowKey(for: date) == "7d-0002")
        #expect(week.windowKey(for: date) != CampaignWindow(days: 14).windowKey(for: date))
        #expect(CampaignWindow(days: 0).days == 1)
        #expect(CampaignWindow(days: -5).days == 1)
    }

    @Test func customEpoch() {
        let w = CampaignWindow(days: 30, epoch: outreachInstant("2026-11-01T00:00:00+07:00"))
        #expect(w.windowKey(for: outreachInstant("2026-11-01T00:00:00+07:00")) == "30d-0000")
        #expect(w.windowKey(for: outreachInstant("2026-10-31T23:59:59+07:00")) == "30d-m0001")
    }

    @Test("one notice per 30 days", arguments: [
        // (last notice, now, allowed?)
        (nil, "2026-11-20T10:00:00+07:00", true),
        ("2026-10-21T10:00:00+07:00", "2026-11-20T10:00:00+07:00", true),     // exactly 30 days
        ("2026-10-21T10:00:01+07:00", "2026-11-20T10:00:00+07:00", false),    // one second short
        ("2026-11-20T09:00:00+07:00", "2026-11-20T10:00:00+07:00", false),
        ("2026-11-21T23:00:00+07:00", "2026-11-22T01:00:00+07:00", false),    // across a window boundary: still too soon
        ("2026-01-01T00:00:00+07:00", "2026-11-20T10:00:00+07:00", true),
        ("2026-11-20T11:00:00+07:00", "2026-11-20T10:00:00+07:00", false),    // "last" in the future (skew)
    ] as [(String?, String, Bool)])
    func allowsNotice(last: String?, now: String, allowed: Bool) {
        #expect(window.allowsNotice(lastNoticeAt: last.map(outreachInstant), now: outreachInstant(now)) == allowed)
    }

    @Test func nextNoticeAllowed() {
        let last = outreachInstant("2026-11-20T10:00:00+07:00")
        let next = window.nextNoticeAllowed(lastNoticeAt: last)
        #expect(next == outreachInstant("2026-12-20T10:00:00+07:00"))
        #expect(window.nextNoticeAllowed(lastNoticeAt: nil) == nil)
        if let next {
            #expect(window.allowsNotice(lastNoticeAt: last, now: next))
            #expect(!window.allowsNotice(lastNoticeAt: last, now: next.addingTimeInterval(-1)))
        }
    }

    @Test func allowedNoticesAlwaysGetANewWindowKey() {
        // A rolling 30-day gap always crosses into another 30-day window, so notice IDs never collide.
        var last = outreachInstant("2025-03-07T08:13:00+07:00")
        for step in 0..<40 {
            let now = window.nextNoticeAllowed(lastNoticeAt: last)!.addingTimeInterval(TimeInterval(step * 3_607))
            #expect(window.allowsNotice(lastNoticeAt: last, now: now))
            #expect(window.windowKey(for: now) != window.windowKey(for: last))
            last = now
        }
    }
}

@Suite("NoticeID")
struct NoticeIDTests {
    @Test func knownVectors() {
        let id = outreachNationalID()
        #expect(NoticeID.make(nationalID: id, campaignWindowKey: "30d-0022", channel: .sms) == "notice-5146ddedb93f7d20f5a2425f487324d1")
        #expect(NoticeID.make(nationalID: id, campaignWindowKey: "30d-0022", channel: .homeVisit)
            == "notice-986d48a2976e974c49ec126bebe0bf1c")
    }

    @Test func deterministicAndWellFormed() {
        let id = outreachNationalID()
        let a = NoticeID.make(nationalID: id, campaignWindowKey: "30d-0023", channel: .zalo)
        let b = NoticeID.make(nationalID: outreachNationalID("079204000123"), campaignWindowKey: "30d-0023", channel: .zalo)
        #expect(a == b)
        #expect(a.hasPrefix("notice-"))
        #expect(a.count == 39)
        #expect(NoticeID.isWellFormed(a))
        #expect(!a.contains("079204000123"))
    }

    @Test func everyInputChangesTheID() {
        let base = NoticeID.make(nationalID: outreachNationalID(), campaignWindowKey: "30d-0022", channel: .sms)
        #expect(base != NoticeID.make(nationalID: outreachNationalID("079204000124"), campaignWindowKey: "30d-0022", channel: .sms))
        #expect(base != NoticeID.make(nationalID: outreachNationalID(), campaignWindowKey: "30d-0023", channel: .sms))
        #expect(base != NoticeID.make(nationalID: outreachNationalID(), campaignWindowKey: "7d-0022", channel: .sms))
        let all = NoticeChannel.allCases.map {
            NoticeID.make(nationalID: outreachNationalID(), campaignWindowKey: "30d-0022", channel: $0)
        }
        #expect(Set(all).count == NoticeChannel.allCases.count)
    }

    @Test("well-formedness", arguments: [
        ("notice-5146ddedb93f7d20f5a2425f487324d1", true), ("notice-5146DDEDB93F7D20F5A2425F487324D1", false),
        ("notice-5146ddedb93f7d20f5a2425f487324d", false), ("task-5146ddedb93f7d20f5a2425f487324d1", false),
        ("notice-5146ddedb93f7d20f5a2425f487324dg", false), ("", false),
    ] as [(String, Bool)])
    func wellFormed(id: String, expected: Bool) {
        #expect(NoticeID.isWellFormed(id) == expected)
    }
}

@Suite("OutreachEligibility")
struct OutreachEligibilityTests {
    typealias Reason = OutreachEligibility.SkipReason

    @Test func codes() {
        #expect(Reason.allCases.map(\.rawValue) == ["deceased", "on_hold", "already_bank", "opted_out"])
    }

    @Test("decisions", arguments: [
        // (status, method, optedOut, deceased, onHold, expected reason or nil for eligible)
        (RegistryStatus.alive, PaymentMethod.cash, false, false, false, nil),
        (nil, .cash, false, false, false, nil),
        (.deceased, .cash, false, false, false, Reason.deceased),
        (.alive, .cash, false, true, false, .deceased),
        (nil, .cash, false, true, false, .deceased),
        (.alive, .cash, false, false, true, .onHold),
        (.alive, .bank, false, false, false, .alreadyBank),
        (.alive, .cash, true, false, false, .optedOut),
        // Precedence: deceased > on hold > already bank > opted out.
        (.deceased, .bank, true, false, true, .deceased),
        (.alive, .bank, true, false, true, .onHold),
        (.alive, .bank, true, false, false, .alreadyBank),
        (nil, .cash, true, false, true, .onHold),
    ] as [(RegistryStatus?, PaymentMethod, Bool, Bool, Bool, Reason?)])
    func check(status: RegistryStatus?, method: PaymentMethod, optedOut: Bool, deceased: Bool, onHold: Bool, expected: Reason?) {
        let result = OutreachEligibility.check(status: status, paymentMethod: method, optedOut: optedOut, deceased: deceased, onHold: onHold)
        if let expected {
            #expect(result == .skip(reason: expected))
            #expect(!result.isEligible)
        } else {
            #expect(result == .eligible)
            #expect(result.isEligible)
        }
    }

    @Test func defaultsAreEligibleForCash() {
        #expect(OutreachEligibility.check(status: .alive, paymentMethod: .cash) == .eligible)
    }
}
