import Foundation

/// What the population registry (C06) returns for one personal ID number.
public struct RegistryRecord: Hashable, Sendable, Codable {
    /// The ID the record belongs to.
    public var nationalID: NationalID
    /// Full name as registered (NFC, with diacritics).
    public var fullName: String
    /// Birth date; may be partial for older citizens.
    public var dateOfBirth: PartialDate?
    /// Registered sex, when given.
    public var sex: Sex?
    /// Alive or deceased.
    public var status: RegistryStatus
    /// Death date, when deceased and known.
    public var dateOfDeath: PartialDate?
    /// Current 2-digit province code of permanent residence, when given.
    public var provinceCode: String?
    /// 5-digit commune code of permanent residence, when given.
    public var communeCode: String?

    /// Creates a record.
    public init(
        nationalID: NationalID, fullName: String, dateOfBirth: PartialDate?, sex: Sex?,
        status: RegistryStatus, dateOfDeath: PartialDate? = nil, provinceCode: String? = nil, communeCode: String? = nil
    ) {
        self.nationalID = nationalID
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.status = status
        self.dateOfDeath = dateOfDeath
        self.provinceCode = provinceCode
        self.communeCode = communeCode
    }
}
