import PensionDomain
import Foundation

/// A beneficiary as stored: roster input plus verification state.
public struct BeneficiaryRow: Sendable, Equatable {
    /// 12-digit personal identification number.
    public var nationalID: String
    /// Full name as on the roster.
    public var fullName: String
    /// ISO partial date: "1950", "1950-03" or "1950-03-07".
    public var dateOfBirth: String
    /// "M", "F" or unknown.
    public var sex: String?
    /// 2-digit code of the province the person is paid in.
    public var provinceCode: String
    /// 5-digit commune code, when known.
    public var communeCode: String?
    /// Contact phone, when known.
    public var phone: String?
    /// Cash or bank.
    public var paymentMethod: PaymentMethod
    /// 6-digit bank identification number.
    public var bankBIN: String?
    /// Deposit account number.
    public var bankAccount: String?
    /// The old 10-digit social insurance code.
    public var legacyBHXHCode: String?
    /// Active, on hold or deceased.
    public var status: BeneficiaryStatus
    /// Why payment is held (set exactly when `status == .hold`).
    public var holdReason: String?
    /// The latest verification outcome ("verified", "mismatch", …), nil before the first.
    public var lastOutcome: String?
    /// The period ("YYYY-MM") of the latest verification.
    public var lastVerifiedPeriod: String?
    /// When the row was first stored.
    public var createdAt: Date
    /// When the row last changed.
    public var updatedAt: Date

    /// Creates a row (mostly for tests and in-memory stores).
    public init(
        nationalID: String, fullName: String, dateOfBirth: String, sex: String?,
        provinceCode: String, communeCode: String?, phone: String?,
        paymentMethod: PaymentMethod, bankBIN: String?, bankAccount: String?, legacyBHXHCode: String?,
        status: BeneficiaryStatus, holdReason: String?, lastOutcome: String?, lastVerifiedPeriod: String?,
        createdAt: Date, updatedAt: Date
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
        self.status = status
        self.holdReason = holdReason
        self.lastOutcome = lastOutcome
        self.lastVerifiedPeriod = lastVerifiedPeriod
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
