import PensionDomain
/// One beneficiary as the roster states it: the input of ``PensionDatabase/upsertBeneficiaries(_:at:)``.
///
/// Values must already be normalised by the caller (the domain layer): the schema rejects anything else.
public struct BeneficiaryUpsert: Sendable, Equatable {
    /// 12-digit personal identification number.
    public var nationalID: String
    /// Full name as on the roster.
    public var fullName: String
    /// ISO partial date: "1950", "1950-03" or "1950-03-07".
    public var dateOfBirth: String
    /// "M", "F" or unknown.
    public var sex: String?
    /// 2-digit code of the province the person is paid in (post-2025 geography).
    public var provinceCode: String
    /// 5-digit commune code, when known.
    public var communeCode: String?
    /// Contact phone, when known.
    public var phone: String?
    /// Cash or bank.
    public var paymentMethod: PaymentMethod
    /// 6-digit bank identification number (required for `.bank`).
    public var bankBIN: String?
    /// Deposit account number (required for `.bank`).
    public var bankAccount: String?
    /// The old 10-digit social insurance code, kept as an alias.
    public var legacyBHXHCode: String?

    /// Creates an upsert row; optional fields default to unknown.
    public init(
        nationalID: String,
        fullName: String,
        dateOfBirth: String,
        sex: String? = nil,
        provinceCode: String,
        communeCode: String? = nil,
        phone: String? = nil,
        paymentMethod: PaymentMethod,
        bankBIN: String? = nil,
        bankAccount: String? = nil,
        legacyBHXHCode: String? = nil
    ) {
        self.nationalID = nationalID
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.provinceCode = provinceCode
        self.communeCode = communeCode
        self.phone = phone
        self.paymentMethod = paymentMethod
        self.bankBIN = bankBIN
        self.bankAccount = bankAccount
        self.legacyBHXHCode = legacyBHXHCode
    }
}
