import Foundation

/// The pinned list of bank BINs (FACTS §5a).
///
/// Several public BIN lists are wrong, and the live VietQR list is a third-party service that
/// is being wound down, so the list is pinned here with its date and sources and reviewed by hand.
public enum BankDirectory: Sendable {
    /// The date the list was last checked against its sources.
    public static let asOf = "2025-11-01"

    /// Where the entries come from, and what is not confirmed.
    public static let source = """
        neopayvn/neopay-library defined/bank.js (970400–970460); vietqr.io/api-bank (ABBANK 970425, ACB 970416, \
        BIDV 970418); pub.dev vietqr_gen; tamvinhvtech/vcb2021 (CIMB 422589). The 2025 renames (LPBank, Vikki, \
        MBV, VCBNeo) are reported in public code only and are UNCONFIRMED against SBV/Napas.
        """

    /// All 45 entries of the vetted table.
    public static let banks: [Bank] = [
        Bank(bin: "970436", shortName: "Vietcombank", name: "Ngân hàng TMCP Ngoại thương Việt Nam"),
        Bank(bin: "970415", shortName: "VietinBank", name: "Ngân hàng TMCP Công thương Việt Nam"),
        Bank(bin: "970418", shortName: "BIDV", name: "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"),
        Bank(bin: "970405", shortName: "Agribank", name: "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"),
        Bank(bin: "970407", shortName: "Techcombank", name: "Ngân hàng TMCP Kỹ thương Việt Nam"),
        Bank(bin: "970422", shortName: "MB", name: "Ngân hàng TMCP Quân đội (MBBank)"),
        Bank(bin: "970416", shortName: "ACB", name: "Ngân hàng TMCP Á Châu"),
        Bank(bin: "970432", shortName: "VPBank", name: "Ngân hàng TMCP Việt Nam Thịnh Vượng"),
        Bank(bin: "970403", shortName: "Sacombank", name: "Ngân hàng TMCP Sài Gòn Thương Tín"),
        Bank(bin: "970423", shortName: "TPBank", name: "Ngân hàng TMCP Tiên Phong"),
        Bank(bin: "970437", shortName: "HDBank", name: "Ngân hàng TMCP Phát triển TP Hồ Chí Minh"),
        Bank(bin: "970441", shortName: "VIB", name: "Ngân hàng TMCP Quốc tế Việt Nam"),
        Bank(bin: "970443", shortName: "SHB", name: "Ngân hàng TMCP Sài Gòn – Hà Nội"),
        Bank(bin: "970431", shortName: "Eximbank", name: "Ngân hàng TMCP Xuất Nhập khẩu Việt Nam"),
        Bank(bin: "970426", shortName: "MSB", name: "Ngân hàng TMCP Hàng Hải Việt Nam"),
        Bank(bin: "970448", shortName: "OCB", name: "Ngân hàng TMCP Phương Đông"),
        Bank(bin: "970440", shortName: "SeABank", name: "Ngân hàng TMCP Đông Nam Á"),
        Bank(bin: "970449", shortName: "LPBank", name: "Ngân hàng TMCP Lộc Phát Việt Nam (ex-LienVietPostBank)"),
        Bank(bin: "970428", shortName: "Nam A Bank", name: "Ngân hàng TMCP Nam Á"),
        Bank(bin: "970409", shortName: "Bac A Bank", name: "Ngân hàng TMCP Bắc Á"),
        Bank(bin: "970425", shortName: "ABBANK", name: "Ngân hàng TMCP An Bình"),
        Bank(bin: "970454", shortName: "BVBank", name: "Ngân hàng TMCP Bản Việt (Viet Capital; Timo)"),
        Bank(bin: "970412", shortName: "PVcomBank", name: "Ngân hàng TMCP Đại Chúng Việt Nam"),
        Bank(bin: "970452", shortName: "KienlongBank", name: "Ngân hàng TMCP Kiên Long"),
        Bank(bin: "970419", shortName: "NCB", name: "Ngân hàng TMCP Quốc Dân"),
        Bank(bin: "970427", shortName: "VietABank", name: "Ngân hàng TMCP Việt Á"),
        Bank(bin: "970438", shortName: "BaoViet Bank", name: "Ngân hàng TMCP Bảo Việt"),
        Bank(bin: "970400", shortName: "Saigonbank", name: "Ngân hàng TMCP Sài Gòn Công Thương"),
        Bank(bin: "970433", shortName: "VietBank", name: "Ngân hàng TMCP Việt Nam Thương Tín"),
        Bank(bin: "970430", shortName: "PGBank", name: "Ngân hàng TMCP Thịnh vượng và Phát triển"),
        Bank(bin: "970408", shortName: "GPBank", name: "Ngân hàng TM TNHH MTV Dầu Khí Toàn Cầu"),
        Bank(bin: "970406", shortName: "Vikki Bank", name: "Vikki Bank (ex-DongA Bank)"),
        Bank(bin: "970429", shortName: "SCB", name: "Ngân hàng TMCP Sài Gòn"),
        Bank(bin: "970414", shortName: "MBV", name: "MBV (ex-OceanBank)"),
        Bank(bin: "970444", shortName: "VCBNeo", name: "VCBNeo (ex-CBBank)"),
        Bank(bin: "970446", shortName: "Co-opBank", name: "Ngân hàng Hợp tác xã Việt Nam"),
        Bank(bin: "970421", shortName: "VRB", name: "Ngân hàng Liên doanh Việt – Nga"),
        Bank(bin: "970424", shortName: "Shinhan", name: "Ngân hàng TNHH MTV Shinhan Việt Nam"),
        Bank(bin: "970457", shortName: "Woori", name: "Ngân hàng TNHH MTV Woori Việt Nam"),
        Bank(bin: "970458", shortName: "UOB", name: "Ngân hàng TNHH MTV United Overseas Bank (Việt Nam)"),
        Bank(bin: "970442", shortName: "Hong Leong", name: "Ngân hàng TNHH MTV Hong Leong Việt Nam"),
        Bank(bin: "970434", shortName: "Indovina", name: "Ngân hàng TNHH Indovina"),
        Bank(bin: "546034", shortName: "CAKE", name: "CAKE by VPBank"),
        Bank(bin: "422589", shortName: "CIMB", name: "Ngân hàng TNHH MTV CIMB Việt Nam"),
        Bank(bin: "970439", shortName: "Public Bank", name: "Ngân hàng TNHH MTV Public Việt Nam"),
    ]

    private static let byBIN: [String: Bank] = Dictionary(uniqueKeysWithValues: banks.map { ($0.bin, $0) })

    /// The bank with this BIN (white space trimmed), or nil when it is not in the pinned list.
    public static func bank(bin: String) -> Bank? {
        byBIN[UnicodeText.trimmed(bin)]
    }
}
