import PensionDomain

/// Vietnamese full names (NFC, with diacritics) drawn with realistic frequencies: family name,
/// one or two middle names, given name.
///
/// The family-name weights follow the commonly cited shares (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 %
/// …); the lists include names that differ only in tone placement (Hòa/Hoà, Thủy/Thuỷ) and names
/// with Đ, so the registry-side noise has something to work on.
public enum VietnameseNames: Sendable {
    static let families = WeightedTable<String>([
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 3), ("Huỳnh", 2.1), ("Phan", 4.5),
        ("Vũ", 2.5), ("Võ", 1.5), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3),
        ("Dương", 1), ("Lý", 0.5), ("Đào", 0.8), ("Đoàn", 0.6), ("Đinh", 0.5), ("Trịnh", 0.5), ("Trương", 0.6),
        ("Lâm", 0.4), ("Mai", 0.4), ("Hà", 0.5), ("Tô", 0.3), ("Lưu", 0.3), ("Cao", 0.3), ("Lương", 0.3),
        ("Vương", 0.3), ("Thái", 0.2), ("Triệu", 0.2), ("Châu", 0.2), ("Tạ", 0.2), ("Quách", 0.1), ("Kiều", 0.1),
    ])
    static let middlesMale = WeightedTable<String>([
        ("Văn", 50), ("Hữu", 8), ("Đức", 8), ("Đình", 5), ("Minh", 5), ("Quang", 5), ("Công", 5), ("Xuân", 4),
        ("Ngọc", 3), ("Thanh", 3), ("Bá", 2), ("Trọng", 2), ("Tiến", 2), ("Quốc", 2), ("Thế", 2), ("Mạnh", 1),
        ("Duy", 1), ("Như", 1),
    ])
    static let middlesFemale = WeightedTable<String>([
        ("Thị", 65), ("Ngọc", 5), ("Thanh", 5), ("Thu", 4), ("Kim", 3), ("Hồng", 3), ("Minh", 2), ("Bích", 2),
        ("Thúy", 2), ("Mỹ", 2), ("Xuân", 2), ("Lệ", 1), ("Thị Thu", 3), ("Thị Thanh", 2), ("Thị Kim", 1),
        ("Thị Ngọc", 1),
    ])
    static let givensMale = [
        "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Phúc", "Lộc", "Khánh", "Thành", "Hòa", "Quý", "Đạt", "Nghĩa",
        "Sơn", "Bình", "Cường", "Hưng", "Hoàng", "Minh", "Nam", "Thắng", "Toàn", "Trung", "Vinh", "Tâm",
        "Thuận", "Khoa", "Quang", "Tú", "Hiếu", "Đông", "Chiến", "Lâm", "Kiên", "Thọ", "Phương", "Huy",
        "Tài", "Tùng", "Thụy", "Định", "Lợi", "Mạnh", "Tiến", "Thủy", "Khoát", "Hòe",
    ]
    static let givensFemale = [
        "Lan", "Mai", "Hương", "Thủy", "Thúy", "Yến", "Đào", "Anh", "Hoa", "Hòa", "Nga", "Loan", "Tuyết",
        "Huệ", "Hạnh", "Hằng", "Hà", "Liên", "Dung", "Nhung", "Oanh", "Phượng", "Cúc", "Sen", "Hồng", "Vân",
        "Xuân", "Thảo", "Trang", "Linh", "Ngọc", "Tâm", "Thoa", "Thùy", "Nguyệt", "Hiền", "Bích", "Ánh",
        "Diệp", "Đoan", "Khuyên", "Lụa",
    ]

    /// A full name for a person of this sex.
    public static func fullName(sex: Sex, using rng: inout SplitMix64) -> String {
        let family = families.pick(using: &rng)
        let male = sex == .male
        let middle = (male ? middlesMale : middlesFemale).pick(using: &rng)
        let given = rng.pick(male ? givensMale : givensFemale)
        return family + " " + middle + " " + given
    }

    /// Another given name of the same sex, for registry rows that really name someone else.
    public static func otherGivenName(than name: String, sex: Sex, using rng: inout SplitMix64) -> String {
        let givens = sex == .male ? givensMale : givensFemale
        guard let space = name.lastIndex(of: " ") else { return name + " " + rng.pick(givens) }
        let current = String(name[name.index(after: space)...])
        var replacement = rng.pick(givens)
        if replacement == current { replacement = givens[((givens.firstIndex(of: current) ?? 0) + 1) % givens.count] }
        return String(name[..<space]) + " " + replacement
    }
}
