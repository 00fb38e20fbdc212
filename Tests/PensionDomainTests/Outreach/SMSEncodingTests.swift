import Foundation
import Testing
@testable import PensionDomain

@Suite("SMSEncoding")
struct SMSEncodingTests {
    static func rep(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    @Test("segment counts", arguments: [
        // (text, encoding, segments, characters)
        ("", SMSEncoding.gsm7, 1, 0),
        ("a", .gsm7, 1, 1),
        (rep("a", 160), .gsm7, 1, 160),
        (rep("a", 161), .gsm7, 2, 161),
        (rep("a", 306), .gsm7, 2, 306),
        (rep("a", 307), .gsm7, 3, 307),
        (rep("a", 459), .gsm7, 3, 459),
        (rep("a", 460), .gsm7, 4, 460),
        // Extension characters take two septets.
        (rep("€", 80), .gsm7, 1, 160),
        (rep("€", 81), .gsm7, 2, 162),
        (rep("a", 159) + "[", .gsm7, 2, 161),
        ("^{}\\[~]|€\u{0C}", .gsm7, 1, 20),
        // An escape pair is never split between parts: 152 + (2 + 151) + 1.
        (rep("a", 152) + "€" + rep("a", 152), .gsm7, 3, 306),
        // UCS-2: 70 in one part, 67 per part when concatenated.
        (rep("ệ", 70), .ucs2, 1, 70),
        (rep("ệ", 71), .ucs2, 2, 71),
        (rep("ệ", 134), .ucs2, 2, 134),
        (rep("ệ", 135), .ucs2, 3, 135),
        (rep("a", 159) + "ạ", .ucs2, 3, 160),
        // One non-GSM character switches the whole text to UCS-2.
        (rep("a", 69) + "`", .ucs2, 1, 70),
        ("Ç", .gsm7, 1, 1),
        ("ç", .ucs2, 1, 1),
        // Decomposed text counts its combining marks.
        ("Nguye\u{0302}\u{0303}n", .ucs2, 1, 8),
        ("Nguyễn", .ucs2, 1, 6),
        // Emoji are surrogate pairs (two UTF-16 units), never split: 66 + (2 + 65) + 1.
        ("😀", .ucs2, 1, 2),
        (rep("a", 66) + "😀" + rep("a", 66), .ucs2, 3, 134),
        ("Kính gửi Ông Nguyễn Văn An", .ucs2, 1, 26),
        ("Kinh gui Ong Nguyen Van An", .gsm7, 1, 26),
    ] as [(String, SMSEncoding, Int, Int)])
    func segments(text: String, encoding: SMSEncoding, segments: Int, characters: Int) {
        let count = SMSEncoding.segments(for: text)
        #expect(count == SMSSegmentCount(encoding: encoding, segments: segments, characters: characters))
        #expect(SMSEncoding.isGSM7(text) == (encoding == .gsm7))
    }

    @Test func wholeBasicTableIsOneSeptetEach() {
        let basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
        let count = SMSEncoding.segments(for: basic)
        #expect(count.encoding == .gsm7)
        #expect(count.characters == 127)
        #expect(basic.unicodeScalars.count == 127)
    }

    @Test func limits() {
        #expect(SMSEncoding.gsm7.singleSegmentLimit == 160)
        #expect(SMSEncoding.gsm7.concatenatedSegmentLimit == 153)
        #expect(SMSEncoding.ucs2.singleSegmentLimit == 70)
        #expect(SMSEncoding.ucs2.concatenatedSegmentLimit == 67)
        #expect(SMSSegmentCount(encoding: .ucs2, segments: 2, characters: 71).description == "ucs2, 2 segments, 71 characters")
        #expect(SMSSegmentCount(encoding: .gsm7, segments: 1, characters: 3).description == "gsm7, 1 segment, 3 characters")
    }

    @Test("unaccented variant", arguments: [
        ("Kính gửi Ông Nguyễn Văn An,", "Kinh gui Ong Nguyen Van An,"),
        ("ĐẶNG THỊ ÁNH ĐÀO", "DANG THI ANH DAO"),
        ("đường Điện Biên Phủ", "duong Dien Bien Phu"),
        ("Ðảm bảo ðúng", "Dam bao dung"),
        ("Nguye\u{0302}\u{0303}n Thi\u{0323}", "Nguyen Thi"),
        ("Thuỷ, Hoà, Quý, Khuyến, Ngoại", "Thuy, Hoa, Quy, Khuyen, Ngoai"),
        ("ư ơ ă â ê ô Ư Ơ Ă Â Ê Ô ỳ ý ỷ ỹ ỵ", "u o a a e o U O A A E O y y y y y"),
        ("Ông/Bà", "Ong/Ba"),
        ("“Hạn cuối” – 30/11/2026…", "\"Han cuoi\" - 30/11/2026..."),
        ("Bà Lan’s", "Ba Lan's"),
        ("Phí: 5€ [VssID] {x} ~ | ^ \\", "Phi: 5€ [VssID] {x} ~ | ^ \\"),
        ("Xin chào 😀!", "Xin chao ?!"),
        ("Xin chào 👍🏽", "Xin chao ?"),
        ("中文", "??"),
        ("a\u{00A0}b\tc\u{200B}d", "a b cd"),
        ("Dòng 1\nDòng 2\r\n", "Dong 1\nDong 2\r\n"),
        ("ＶｓｓＩＤ", "VssID"),
        ("Gọi 1900 9068 (BHXH)", "Goi 1900 9068 (BHXH)"),
        ("", ""),
    ] as [(String, String)])
    func unaccented(input: String, expected: String) {
        let out = SMSEncoding.unaccented(input)
        #expect(out == expected)
        #expect(SMSEncoding.isGSM7(out))
    }

    @Test func unaccentedKeepsCaseUnlikeTheNameKey() {
        #expect(SMSEncoding.unaccented("Nguyễn Thị Ánh Đào") == "Nguyen Thi Anh Dao")
        #expect(PersonName.unaccentedKey("Nguyễn Thị Ánh Đào") == "NGUYEN THI ANH DAO")
    }

    @Test func vietnameseNoticeShrinksWhenUnaccented() {
        let text = "Kính gửi Bà Nguyễn Thị Ánh Đào. BHXH đề nghị Bà mở tài khoản ngân hàng và đăng ký nhận lương hưu qua tài khoản "
            + "trước ngày 30/11/2026. Liên hệ BHXH cơ sở Ba Đình, ĐT 024 3823 1234."
        let accented = SMSEncoding.segments(for: text)
        let plain = SMSEncoding.segments(for: SMSEncoding.unaccented(text))
        #expect(accented.encoding == .ucs2)
        #expect(plain.encoding == .gsm7)
        #expect(accented.characters == text.unicodeScalars.count)
        #expect(plain.characters == accented.characters)
        #expect(accented.segments == 3)
        #expect(plain.segments == 2)
    }
}
