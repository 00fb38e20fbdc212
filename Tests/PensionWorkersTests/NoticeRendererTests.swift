import Foundation
import PensionDomain
import PensionStore
import Synchronization
import Testing
@testable import PensionWorkers

/// The notice templates (files, rendered with swift-mustache): every channel, names with and without
/// diacritics, SMS encodings and segment counts.
@Suite struct NoticeRendererTests {
    let renderer: NoticeRenderer
    init() throws { renderer = try NoticeRenderer() }

    func context(_ name: String, sex: Sex? = .female) -> NoticeTemplateContext {
        NoticeTemplateContext(fullName: name, sex: sex, action: .openAccount, deadline: PartialDate(year: 2027, month: 1, day: 31)!,
                              officeName: "BHXH cơ sở Ba Đình", officePhone: "024 3825 1234")
    }

    @Test(arguments: ["Nguyễn Thị Ánh Đào", "Nguyen Thi Anh Dao", "Đặng Văn Lực", "Y Bhiơ Niê", "Lê & <Tâm>"])
    func everyTemplateRendersForNamesWithAndWithoutDiacritics(name: String) {
        let context = context(name)
        for channel in NoticeChannel.allCases where channel != .homeVisit {
            let notice = renderer.render(channel, context: context, extra: ["postal_address": "Số 5, ngõ 12, phường Ba Đình"])
            #expect(!notice.body.isEmpty)
            #expect(notice.body == notice.body.precomposedStringWithCanonicalMapping)
            #expect(!notice.body.contains("{{") && !notice.body.contains("&amp;"))
            #expect(notice.body.contains(PersonName.normalized(name)), "\(channel) must greet by name")
            #expect(notice.body.contains("31/01/2027") || notice.body.contains("ngày 31 tháng 01 năm 2027"))
        }
        #expect(renderer.render(.email, context: context).subject?.contains("lương hưu") == true)
        #expect(renderer.render(.letter, context: context, extra: ["postal_address": "Số 5, ngõ 12"]).body.contains("Địa chỉ: Số 5, ngõ 12"))
    }

    @Test func smsWithDiacriticsIsUCS2AndTheUnaccentedVariantFitsGSM7() {
        let context = context("Nguyễn Thị Ánh Đào")
        let accented = renderer.render(.sms, context: context, smsVariant: .accented)
        #expect(accented.body.hasPrefix("BHXH: Kính gửi Bà Nguyễn Thị Ánh Đào, đề nghị mở tài khoản ngân hàng"))
        #expect(accented.sms == SMSEncoding.segments(for: accented.body))
        #expect(accented.sms?.encoding == .ucs2)
        #expect(accented.sms.map { $0.segments >= 2 } == true)   // > 70 UCS-2 characters

        let plain = renderer.render(.sms, context: context, smsVariant: .unaccented)
        #expect(plain.body.hasPrefix("BHXH: Kinh gui Ba Nguyen Thi Anh Dao, de nghi mo tai khoan ngan hang"))
        #expect(SMSEncoding.isGSM7(plain.body))
        #expect(plain.sms?.encoding == .gsm7)
        #expect(plain.sms?.segments == (plain.body.count <= 160 ? 1 : 2))
        #expect(plain.sms!.segments < accented.sms!.segments)
    }

    @Test func templatesCanBeLoadedFromAFolder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-templates-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in NoticeRenderer.templateNames {
            try "{{% CONTENT_TYPE: TEXT}}\n\(name): {{greeting}}".write(to: directory.appendingPathComponent("\(name).mustache"), atomically: true, encoding: .utf8)
        }
        let custom = try NoticeRenderer(directory: directory.path)
        #expect(custom.render(.zalo, context: context("Trần Văn Ân", sex: .male)).body == "zalo: Kính gửi Ông Trần Văn Ân")
        try FileManager.default.removeItem(at: directory.appendingPathComponent("sms.mustache"))
        #expect(throws: NoticeRenderer.TemplateError.self) { try NoticeRenderer(directory: directory.path) }
    }

    @Test func theRateLimiterWaitsOnAnInjectedClock() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 0))
        let slept = SleepLog()
        let limiter = ChannelRateLimiter(
            limits: [.sms: ChannelRateLimit(perSecond: 2, burst: 2)],
            now: { .seconds(clock.now.timeIntervalSince1970) },
            sleep: { duration in
                slept.append(duration)
                clock.set(clock.now.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18))
            })
        for _ in 0..<4 { try await limiter.acquire(.sms) }
        try await limiter.acquire(.email)   // not limited
        #expect(slept.values == [.milliseconds(500), .milliseconds(500)])
    }

    @Test func deadlineIsTheLastDayOfTheMonthTwoMonthsAfterThePeriod() throws {
        let (store, directory) = try PensionStoreStub.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let handler = OutreachHandler(store: store, gateway: NoGateway(), renderer: renderer,
                                      limiter: ChannelRateLimiter(limits: [:]), logger: .init(label: "t"))
        #expect(handler.deadline(for: Period(year: 2026, month: 11)!) == PartialDate(year: 2027, month: 1, day: 31))
        #expect(handler.deadline(for: Period(year: 2027, month: 12)!) == PartialDate(year: 2028, month: 2, day: 29))
        #expect(OutreachHandler.age(dateOfBirth: "1946-12-01", at: vietnamMorning) == 79)
        #expect(OutreachHandler.age(dateOfBirth: "1946", at: vietnamMorning) == 80)
    }
}


final class SleepLog: Sendable {
    private let log = Mutex<[Duration]>([])
    func append(_ d: Duration) { log.withLock { $0.append(d) } }
    var values: [Duration] { log.withLock { $0 } }
}

struct NoGateway: NoticeGateway {
    func send(_ message: NoticeMessage) async throws(NoticeGatewayError) -> NoticeReceipt { throw .unavailable("none") }
}

enum PensionStoreStub {
    /// A real, empty node database in a new directory, which the caller removes.
    static func make() throws -> (PensionDatabase, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-stub-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (try PensionDatabase(path: directory.appendingPathComponent("n.sqlite").path), directory)
    }
}
