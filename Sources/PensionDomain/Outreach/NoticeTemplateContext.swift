import Foundation

/// The values a notice template receives, typed and as a `[String: String]` for the template engine.
///
/// All texts are NFC with diacritics; `*_unaccented` keys hold the GSM-7-safe variants for SMS.
/// `description` masks the name.
public struct NoticeTemplateContext: Hashable, Sendable, CustomStringConvertible {
    /// The beneficiary's full name as used in the greeting (NFC, diacritics kept, single spaces).
    public let greetingName: String
    /// The beneficiary's sex, which chooses "Ông" or "Bà"; nil gives "Ông/Bà".
    public let sex: Sex?
    /// What the notice asks for.
    public let action: NoticeAction
    /// The day by which to act (a partial date prints only what it knows).
    public let deadline: PartialDate
    /// The BHXH office to call, e.g. "BHXH cơ sở Ba Đình" (NFC).
    public let officeName: String
    /// The office's public phone number (not personal data).
    public let officePhone: String

    /// The Vietnamese labels templates put in front of the values, keyed by `label_*` names.
    public static let labels: [String: String] = [
        "label_greeting": "Kính gửi",
        "label_action": "Việc cần làm",
        "label_deadline": "Hạn cuối",
        "label_office": "Cơ quan BHXH",
        "label_phone": "Điện thoại liên hệ",
    ]

    /// Creates a context; the name and office name are normalised to NFC with single spaces.
    public init(fullName: String, sex: Sex?, action: NoticeAction, deadline: PartialDate, officeName: String, officePhone: String) {
        self.greetingName = PersonName.normalized(fullName)
        self.sex = sex
        self.action = action
        self.deadline = deadline
        self.officeName = PersonName.normalized(officeName)
        self.officePhone = UnicodeText.trimmed(officePhone)
    }

    /// "Ông", "Bà" or "Ông/Bà".
    public var salutation: String {
        switch sex {
        case .male: "Ông"
        case .female: "Bà"
        case nil: "Ông/Bà"
        }
    }

    /// "Kính gửi Bà Nguyễn Thị Ánh Đào".
    public var greeting: String { "Kính gửi \(salutation) \(greetingName)" }

    /// The deadline as `DD/MM/YYYY` (or `MM/YYYY`, `YYYY` when partial), the Vietnamese order.
    public var deadlineNumeric: String {
        let year = String(deadline.year)
        guard let month = deadline.month else { return year }
        guard let day = deadline.day else { return Self.twoDigits(month) + "/" + year }
        return Self.twoDigits(day) + "/" + Self.twoDigits(month) + "/" + year
    }

    /// The deadline in words: "ngày 30 tháng 11 năm 2026" (or "tháng 11 năm 2026", "năm 2026").
    public var deadlineText: String {
        var parts: [String] = []
        if let day = deadline.day { parts.append("ngày \(Self.twoDigits(day))") }
        if let month = deadline.month { parts.append("tháng \(Self.twoDigits(month))") }
        parts.append("năm \(deadline.year)")
        return parts.joined(separator: " ")
    }

    /// Every value by template key, plus the `label_*` labels.
    ///
    /// Keys: `greeting_name`, `greeting_name_unaccented`, `salutation`, `greeting`, `greeting_unaccented`, `action`
    /// (the code), `action_text`, `action_text_unaccented`, `action_short`, `action_short_unaccented`, `deadline`,
    /// `deadline_text`, `deadline_text_unaccented`, `office_name`, `office_name_unaccented`, `office_phone`,
    /// `authorisation_max_months`.
    public var values: [String: String] {
        var values = Self.labels
        for (key, value) in Self.labels { values[key + "_unaccented"] = SMSEncoding.unaccented(value) }
        let texts: [String: String] = [
            "greeting_name": greetingName,
            "salutation": salutation,
            "greeting": greeting,
            "action_text": action.vietnameseText,
            "action_short": action.vietnameseShortText,
            "deadline_text": deadlineText,
            "office_name": officeName,
        ]
        for (key, value) in texts {
            values[key] = value
            values[key + "_unaccented"] = SMSEncoding.unaccented(value)
        }
        values["action"] = action.rawValue
        values["deadline"] = deadlineNumeric
        values["office_phone"] = officePhone
        values["authorisation_max_months"] = String(NoticeAction.maxAuthorisationMonths)
        return values
    }

    /// The fields with the name masked.
    public var description: String {
        "NoticeTemplateContext(name: \(PersonName.masked(greetingName)), salutation: \(salutation), action: \(action.rawValue), "
            + "deadline: \(deadline.iso), office: \(officeName))"
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
