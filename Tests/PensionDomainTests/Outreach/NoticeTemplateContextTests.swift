import Foundation
import Testing
@testable import PensionDomain

@Suite("NoticeTemplateContext")
struct NoticeTemplateContextTests {
    static let deadline = PartialDate(year: 2026, month: 12, day: 5)!

    func context(_ name: String, sex: Sex? = .female, action: NoticeAction = .openAccount,
                 deadline: PartialDate = deadline) -> NoticeTemplateContext {
        NoticeTemplateContext(fullName: name, sex: sex, action: action, deadline: deadline,
                              officeName: "BHXH cơ sở Ba Đình", officePhone: " 024 3823 1234 ")
    }

    @Test func values() {
        let values = context("Nguyễn Thị Ánh Đào").values
        #expect(values["greeting_name"] == "Nguyễn Thị Ánh Đào")
        #expect(values["greeting_name_unaccented"] == "Nguyen Thi Anh Dao")
        #expect(values["salutation"] == "Bà")
        #expect(values["greeting"] == "Kính gửi Bà Nguyễn Thị Ánh Đào")
        #expect(values["greeting_unaccented"] == "Kinh gui Ba Nguyen Thi Anh Dao")
        #expect(values["action"] == "open_account")
        #expect(values["action_text"] == NoticeAction.openAccount.vietnameseText)
        #expect(values["action_short"] == "mở tài khoản ngân hàng")
        #expect(values["action_short_unaccented"] == "mo tai khoan ngan hang")
        #expect(values["deadline"] == "05/12/2026")
        #expect(values["deadline_text"] == "ngày 05 tháng 12 năm 2026")
        #expect(values["deadline_text_unaccented"] == "ngay 05 thang 12 nam 2026")
        #expect(values["office_name"] == "BHXH cơ sở Ba Đình")
        #expect(values["office_name_unaccented"] == "BHXH co so Ba Dinh")
        #expect(values["office_phone"] == "024 3823 1234")
        #expect(values["authorisation_max_months"] == "12")
        #expect(values["label_deadline"] == "Hạn cuối")
        #expect(values["label_deadline_unaccented"] == "Han cuoi")
        #expect(values["label_office"] == "Cơ quan BHXH")
    }

    @Test func everyValueIsNFCAndEveryUnaccentedValueIsGSM7() {
        for action in NoticeAction.allCases {
            for sex in [Sex.male, .female, nil] {
                let values = context("Nguye\u{0302}\u{0303}n  Văn\u{00A0}An", sex: sex, action: action).values
                for (key, value) in values {
                    #expect(value == value.precomposedStringWithCanonicalMapping, "\(key)")
                    #expect(!value.isEmpty, "\(key)")
                    if key.hasSuffix("_unaccented") { #expect(SMSEncoding.isGSM7(value), "\(key)") }
                }
                #expect(values["greeting_name"] == "Nguyễn Văn An")
            }
        }
    }

    @Test("salutation", arguments: [(Sex.male, "Ông"), (.female, "Bà"), (nil, "Ông/Bà")] as [(Sex?, String)])
    func salutation(sex: Sex?, expected: String) {
        let c = context("Trần Văn Bình", sex: sex)
        #expect(c.salutation == expected)
        #expect(c.greeting == "Kính gửi \(expected) Trần Văn Bình")
    }

    @Test("names with and without diacritics", arguments: [
        ("Nguyễn Thị Ánh Đào", "Nguyen Thi Anh Dao"), ("NGUYEN VAN AN", "NGUYEN VAN AN"), ("Lê Thị Thuỷ", "Le Thi Thuy"),
        ("Ðặng Văn Ơn", "Dang Van On"), ("  Phạm   Hoà ", "Pham Hoa"),
    ] as [(String, String)])
    func names(name: String, unaccented: String) {
        let values = context(name).values
        #expect(values["greeting_name_unaccented"] == unaccented)
        #expect(PersonName.matches(values["greeting_name"] ?? "", name))
    }

    @Test func actions() {
        #expect(NoticeAction.allCases.map(\.rawValue) == ["open_account", "register_vssid", "authorise_relative"])
        #expect(NoticeAction.authoriseRelative.vietnameseText.contains("tối đa 12 tháng"))
        #expect(NoticeAction.registerVssID.vietnameseText.contains("VssID"))
        #expect(NoticeAction.openAccount.vietnameseText.contains("điểm chi trả"))
    }

    @Test("partial deadlines", arguments: [
        (PartialDate(year: 2026, month: 11)!, "11/2026", "tháng 11 năm 2026"),
        (PartialDate(year: 2027)!, "2027", "năm 2027"),
        (PartialDate(year: 2026, month: 1, day: 31)!, "31/01/2026", "ngày 31 tháng 01 năm 2026"),
    ] as [(PartialDate, String, String)])
    func partialDeadlines(deadline: PartialDate, numeric: String, text: String) {
        let c = context("An", deadline: deadline)
        #expect(c.deadlineNumeric == numeric)
        #expect(c.deadlineText == text)
    }

    @Test func descriptionMasksTheName() {
        let text = context("Nguyễn Thị Ánh Đào").description
        #expect(!text.contains("Nguyễn"))
        #expect(!text.contains("Đào"))
        #expect(text.contains("N***** T** Á** Đ**"))
    }

    @Test func aRenderedSMSFitsTwoGSMSegmentsUnaccented() {
        let v = context("Nguyễn Thị Ánh Đào", action: .registerVssID).values
        let sms = "\(v["greeting"]!). Đề nghị \(v["salutation"]!) \(v["action_short"]!) trước \(v["deadline"]!). "
            + "\(v["label_phone"]!): \(v["office_phone"]!) (\(v["office_name"]!))."
        let plain = "\(v["greeting_unaccented"]!). De nghi \(v["salutation_unaccented"]!) \(v["action_short_unaccented"]!) truoc "
            + "\(v["deadline"]!). \(v["label_phone_unaccented"]!): \(v["office_phone"]!) (\(v["office_name_unaccented"]!))."
        #expect(SMSEncoding.unaccented(sms) == plain)
        #expect(SMSEncoding.segments(for: sms).encoding == .ucs2)
        #expect(SMSEncoding.segments(for: sms).segments == 2)
        #expect(SMSEncoding.segments(for: plain) == SMSSegmentCount(encoding: .gsm7, segments: 1, characters: plain.count))
    }
}
