import Foundation

/// One validated beneficiary row of a roster.
public struct RosterEntry: Hashable, Sendable, Codable {
    /// Personal ID number.
    public var nationalID: NationalID
    /// Full name: NFC, white space collapsed, otherwise as typed.
    public var fullName: String
    /// Birth date (possibly partial).
    public var dateOfBirth: PartialDate
    /// Sex, when given.
    public var sex: Sex?
    /// Current (34-province) code, mapped from a legacy code when needed.
    public var provinceCode: String
    /// The province code as written in the file, kept for history.
    public var sourceProvinceCode: String
    /// Commune code, when given.
    public var communeCode: CommuneCode?
    /// Mobile phone, normalised to 10 digits starting with 0.
    public var phone: String?
    /// How the beneficiary is paid; cash when not given.
    public var paymentMethod: PaymentMethod
    /// The bank BIN, when given (must be in `BankDirectory`).
    public var bankBIN: String?
    /// The deposit account number, spaces removed.
    public var bankAccount: String?
    /// Old BHXH code, when given.
    public var legacyBHXHCode: LegacyBHXHCode?
    /// Anomalies to review; they do not block the row.
    public var warnings: [IdentityWarning]

    /// Creates an entry.
    public init(
        nationalID: NationalID, fullName: String, dateOfBirth: PartialDate, sex: Sex?, provinceCode: String,
        sourceProvinceCode: String, communeCode: CommuneCode?, phone: String?, paymentMethod: PaymentMethod,
        bankBIN: String?, bankAccount: String?, legacyBHXHCode: LegacyBHXHCode?, warnings: [IdentityWarning]
    ) {
        self.nationalID = nationalID
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.provinceCode = provinceCode
        self.sourceProvinceCode = sourceProvinceCode
        self.communeCode = communeCode
        self.phone = phone
        self.paymentMethod = paymentMethod
        self.bankBIN = bankBIN
        self.bankAccount = bankAccount
        self.legacyBHXHCode = legacyBHXHCode
        self.warnings = warnings
    }
}
