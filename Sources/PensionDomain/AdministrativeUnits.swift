import Foundation

/// Provinces before and after the 2025 reorganisation (FACTS §2b and §4).
///
/// Data arrives with both the 34 current codes and the 63 legacy codes (older rosters, the
/// birth-place prefix of ID numbers). Reports must use the current codes, so every legacy
/// code maps to the province that absorbed it.
public enum AdministrativeUnits: Sendable {
    /// The 34 provinces and centrally-run cities in force since 01/07/2025.
    public static let provinces: [Province] = [
        Province(code: "01", name: "TP Hà Nội"),
        Province(code: "04", name: "Cao Bằng"),
        Province(code: "08", name: "Tuyên Quang"),
        Province(code: "11", name: "Điện Biên"),
        Province(code: "12", name: "Lai Châu"),
        Province(code: "14", name: "Sơn La"),
        Province(code: "15", name: "Lào Cai"),
        Province(code: "19", name: "Thái Nguyên"),
        Province(code: "20", name: "Lạng Sơn"),
        Province(code: "22", name: "Quảng Ninh"),
        Province(code: "24", name: "Bắc Ninh"),
        Province(code: "25", name: "Phú Thọ"),
        Province(code: "31", name: "TP Hải Phòng"),
        Province(code: "33", name: "Hưng Yên"),
        Province(code: "37", name: "Ninh Bình"),
        Province(code: "38", name: "Thanh Hóa"),
        Province(code: "40", name: "Nghệ An"),
        Province(code: "42", name: "Hà Tĩnh"),
        Province(code: "44", name: "Quảng Trị"),
        Province(code: "46", name: "TP Huế"),
        Province(code: "48", name: "TP Đà Nẵng"),
        Province(code: "51", name: "Quảng Ngãi"),
        Province(code: "52", name: "Gia Lai"),
        Province(code: "56", name: "Khánh Hòa"),
        Province(code: "66", name: "Đắk Lắk"),
        Province(code: "68", name: "Lâm Đồng"),
        Province(code: "75", name: "Đồng Nai"),
        Province(code: "79", name: "TP Hồ Chí Minh"),
        Province(code: "80", name: "Tây Ninh"),
        Province(code: "82", name: "Đồng Tháp"),
        Province(code: "86", name: "Vĩnh Long"),
        Province(code: "91", name: "An Giang"),
        Province(code: "92", name: "TP Cần Thơ"),
        Province(code: "96", name: "Cà Mau"),
    ]

    /// The 63 pre-2025 provinces: 2-digit legacy code → (name, current code that absorbed it).
    ///
    /// Ordered as in Phụ lục 1 of TT 07/2016/TT-BCA; the ID prefix is "0" + this code.
    static let legacy: [(code: String, name: String, current: String)] = [
        ("01", "Hà Nội", "01"), ("02", "Hà Giang", "08"), ("04", "Cao Bằng", "04"), ("06", "Bắc Kạn", "19"),
        ("08", "Tuyên Quang", "08"), ("10", "Lào Cai", "15"), ("11", "Điện Biên", "11"), ("12", "Lai Châu", "12"),
        ("14", "Sơn La", "14"), ("15", "Yên Bái", "15"), ("17", "Hòa Bình", "25"), ("19", "Thái Nguyên", "19"),
        ("20", "Lạng Sơn", "20"), ("22", "Quảng Ninh", "22"), ("24", "Bắc Giang", "24"), ("25", "Phú Thọ", "25"),
        ("26", "Vĩnh Phúc", "25"), ("27", "Bắc Ninh", "24"), ("30", "Hải Dương", "31"), ("31", "Hải Phòng", "31"),
        ("33", "Hưng Yên", "33"), ("34", "Thái Bình", "33"), ("35", "Hà Nam", "37"), ("36", "Nam Định", "37"),
        ("37", "Ninh Bình", "37"), ("38", "Thanh Hóa", "38"), ("40", "Nghệ An", "40"), ("42", "Hà Tĩnh", "42"),
        ("44", "Quảng Bình", "44"), ("45", "Quảng Trị", "44"), ("46", "Thừa Thiên Huế", "46"), ("48", "Đà Nẵng", "48"),
        ("49", "Quảng Nam", "48"), ("51", "Quảng Ngãi", "51"), ("52", "Bình Định", "52"), ("54", "Phú Yên", "66"),
        ("56", "Khánh Hòa", "56"), ("58", "Ninh Thuận", "56"), ("60", "Bình Thuận", "68"), ("62", "Kon Tum", "51"),
        ("64", "Gia Lai", "52"), ("66", "Đắk Lắk", "66"), ("67", "Đắk Nông", "68"), ("68", "Lâm Đồng", "68"),
        ("70", "Bình Phước", "75"), ("72", "Tây Ninh", "80"), ("74", "Bình Dương", "79"), ("75", "Đồng Nai", "75"),
        ("77", "Bà Rịa–Vũng Tàu", "79"), ("79", "TP Hồ Chí Minh", "79"), ("80", "Long An", "80"), ("82", "Tiền Giang", "82"),
        ("83", "Bến Tre", "86"), ("84", "Trà Vinh", "86"), ("86", "Vĩnh Long", "86"), ("87", "Đồng Tháp", "82"),
        ("89", "An Giang", "91"), ("91", "Kiên Giang", "91"), ("92", "Cần Thơ", "92"), ("93", "Hậu Giang", "92"),
        ("94", "Sóc Trăng", "92"), ("95", "Bạc Liêu", "96"), ("96", "Cà Mau", "96"),
    ]

    /// All 63 legacy 2-digit codes, in table order.
    public static var legacyCodes: [String] { legacy.map(\.code) }

    private static let currentByCode: [String: Province] = Dictionary(uniqueKeysWithValues: provinces.map { ($0.code, $0) })
    private static let legacyByCode: [String: (name: String, current: String)] =
        Dictionary(uniqueKeysWithValues: legacy.map { ($0.code, ($0.name, $0.current)) })

    /// Reduces "79", "079" or " 79 " to the 2-digit form; nil when it is not such a code.
    private static func twoDigitForm(_ raw: String) -> String? {
        let value = UnicodeText.trimmed(raw)
        guard UnicodeText.isASCIIDigits(value) else { return nil }
        switch value.utf8.count {
        case 2: return value
        case 3 where value.hasPrefix("0"): return String(value.dropFirst())
        default: return nil
        }
    }

    /// The current province for a current code, a legacy 63-province code (mapped to the province that
    /// absorbed it), or a 3-digit "0xx" CCCD-style code; nil when unknown.
    ///
    /// Current codes are the legacy codes of the seat, so "24" is Bắc Ninh either way, while
    /// "27" (old Bắc Ninh) and "74" (Bình Dương) are mapped to 24 and 79.
    public static func province(forCode raw: String) -> Province? {
        guard let code = twoDigitForm(raw) else { return nil }
        if let current = currentByCode[code] { return current }
        if let legacy = legacyByCode[code] { return currentByCode[legacy.current] }
        return nil
    }

    /// True for a code that existed only before 01/07/2025 (e.g. "27", "074"); false for current or unknown codes.
    public static func isLegacyOnly(_ code: String) -> Bool {
        guard let code = twoDigitForm(code) else { return false }
        return legacyByCode[code] != nil && currentByCode[code] == nil
    }

    /// The pre-2025 province name for a 3-digit ID prefix ("001" → "Hà Nội"); nil for foreign or unknown codes.
    public static func legacyBirthPlaceName(prefix: String) -> String? {
        let value = UnicodeText.trimmed(prefix)
        guard value.utf8.count == 3, value.hasPrefix("0"), UnicodeText.isASCIIDigits(value) else { return nil }
        return legacyByCode[String(value.dropFirst())]?.name
    }
}
