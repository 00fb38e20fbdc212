import PensionDomain

/// The roster side of a person: the injected mistakes and how the province writes each field.
struct RosterDraw {
    let person: PersonDraw
    let paymentMethod: PaymentMethod
    private var options: NationalRosterOptions { person.options }

    init(person: PersonDraw, paymentMethod: PaymentMethod) {
        self.person = person
        self.paymentMethod = paymentMethod
    }

    /// At most one refusing mistake per row, so every refused row has exactly one known cause.
    /// One draw is always made, whatever the payment method, to keep the stream aligned.
    func drawFault(using rng: inout SplitMix64) -> RosterFault? {
        var roll = rng.unit()
        for (fault, rate) in [(RosterFault.oldCMND, options.oldCMNDRate), (.impossibleBirthDate, options.impossibleBirthDateRate)] {
            if roll < rate { return fault }
            roll -= rate
        }
        guard paymentMethod == .bank else { return nil }
        for (fault, rate) in [(RosterFault.shortAccount, options.shortAccountRate), (.unknownBIN, options.unknownBINRate)] {
            if roll < rate { return fault }
            roll -= rate
        }
        return nil
    }

    func drawAccountWarning(using rng: inout SplitMix64) -> AccountWarningCase? {
        let roll = rng.unit()
        guard paymentMethod == .bank else { return nil }
        if roll < options.cardNumberRate { return .cardNumber }
        if roll < options.cardNumberRate + options.eWalletRate { return .eWallet }
        return nil
    }

    /// The account as the roster holds it: the real one, or the mistake drawn for the row.
    static func account(_ account: String, bank: PayingBank, fault: RosterFault?, warning: AccountWarningCase?,
                        using rng: inout SplitMix64) -> String {
        if fault == .shortAccount { return rng.digits(rng.int(in: 3...5)) }
        switch warning {
        case .cardNumber:
            // A domestic card: 9704 + the issuer's two digits, 16 or 19 digits in all.
            let issuer = bank.bin.hasPrefix("9704") ? String(bank.bin.dropFirst(4)) : "05"
            return "9704" + issuer + rng.digits(rng.chance(0.8) ? 10 : 13)
        case .eWallet:
            return "99MM" + rng.digits(5) + "M" + rng.digits(8)
        case nil:
            return account
        }
    }

    /// The written fields; the draws are made in a fixed order whatever is chosen.
    func written(nationalID: String, birthDate: PartialDate, sex: Sex, province: String, phone: String?,
                 fault: RosterFault?, using rng: inout SplitMix64) -> WrittenRosterFields {
        let cmnd = rng.digits(9)
        let dateStyle = rng.unit()
        let sexStyle = rng.unit()
        let legacyProvince = rng.chance(options.legacyProvinceCodeShare)
        let legacyChoice = rng.int(6)
        let phoneStyle = rng.unit()
        let paymentStyle = rng.unit()
        return WrittenRosterFields(
            nationalID: fault == .oldCMND ? cmnd : nationalID,
            dateOfBirth: fault == .impossibleBirthDate ? "31/02/" + String(birthDate.year)
                : Self.writtenDate(birthDate, style: dateStyle, old: person.options.firstPeriod.year - birthDate.year >= 85),
            sex: sex == .male ? (sexStyle < 0.8 ? "M" : "nam") : (sexStyle < 0.75 ? "F" : "nữ"),
            provinceCode: legacyProvince ? Self.legacyOnlyCodes[province].map { $0[legacyChoice % $0.count] } ?? province : province,
            phone: phone.map { Self.writtenPhone($0, style: phoneStyle) } ?? "",
            paymentMethod: Self.writtenPaymentMethod(paymentMethod, style: paymentStyle))
    }

    /// Older pensioners more often have only a birth year on file.
    static func writtenDate(_ date: PartialDate, style: Double, old: Bool) -> String {
        let yearOnly = old ? 0.15 : 0.04
        let y = String(date.year), m = twoDigits(date.month!), d = twoDigits(date.day!)
        if style < yearOnly { return y }
        if style < yearOnly + 0.04 { return m + "/" + y }
        if style < yearOnly + 0.16 { return d + "/" + m + "/" + y }
        return date.iso
    }

    static func writtenPhone(_ phone: String, style: Double) -> String {
        let digits = Array(phone)
        if style < 0.10 { return "+84 " + String(digits[1..<4]) + " " + String(digits[4..<7]) + " " + String(digits[7...]) }
        if style < 0.15 { return String(digits[0..<4]) + "." + String(digits[4..<7]) + "." + String(digits[7...]) }
        return phone
    }

    static func writtenPaymentMethod(_ method: PaymentMethod, style: Double) -> String {
        switch (method, style) {
        case (.bank, ..<0.9): return "bank"
        case (.bank, ..<0.95): return "TK"
        case (.bank, _): return "tài khoản"
        case (.cash, ..<0.9): return "cash"
        case (.cash, ..<0.95): return "tien_mat"
        case (.cash, _): return "tiền mặt"
        }
    }

    /// Pre-2025 codes that exist no longer, by the current province that absorbed them.
    static let legacyOnlyCodes: [String: [String]] = Dictionary(
        grouping: AdministrativeUnits.legacyCodes.filter(AdministrativeUnits.isLegacyOnly),
        by: { AdministrativeUnits.province(forCode: $0)!.code })

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}
