import Foundation

/// What a notice asks the beneficiary to do (FACTS §1d, §10.5).
public enum NoticeAction: String, Codable, Sendable, Hashable, CaseIterable {
    /// Open an account in their own name at a bank or with bank staff at the payment point, then register it.
    case openAccount = "open_account"
    /// Register the account through the VssID app ("change form of receipt"; the holder must be the beneficiary).
    case registerVssID = "register_vssid"
    /// Authorise a relative to be paid into the relative's account (Luật BHXH 2024; valid at most 12 months).
    case authoriseRelative = "authorise_relative"

    /// The longest an authorisation to a relative may run, in months.
    public static let maxAuthorisationMonths = 12

    /// The full instruction in Vietnamese (NFC, with diacritics).
    public var vietnameseText: String {
        switch self {
        case .openAccount:
            "Mở tài khoản đứng tên mình tại ngân hàng hoặc tại điểm chi trả, rồi đăng ký nhận lương hưu, trợ cấp BHXH qua tài khoản."
        case .registerVssID:
            "Đăng ký nhận lương hưu, trợ cấp BHXH qua tài khoản trên ứng dụng VssID (mục thay đổi hình thức nhận); tài khoản phải đứng tên chính mình."
        case .authoriseRelative:
            "Ủy quyền cho người thân nhận thay qua tài khoản của người thân; giấy ủy quyền có hiệu lực tối đa \(Self.maxAuthorisationMonths) tháng."
        }
    }

    /// A short form for SMS and subject lines (NFC, with diacritics).
    public var vietnameseShortText: String {
        switch self {
        case .openAccount: "mở tài khoản ngân hàng"
        case .registerVssID: "đăng ký qua VssID"
        case .authoriseRelative: "ủy quyền cho người thân"
        }
    }
}
