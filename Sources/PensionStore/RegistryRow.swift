import PensionDomain
/// One person in the population-registry extract.
public struct RegistryRow: Sendable, Equatable {
    /// 12-digit personal identification number.
    public var nationalID: String
    /// Full name as registered.
    public var fullName: String
    /// ISO partial date ("1950", "1950-03", "1950-03-07"), when registered.
    public var dateOfBirth: String?
    /// "M" or "F", when registered.
    public var sex: String?
    /// Alive or deceased.
    public var status: RegistryStatus
    /// ISO partial date of death, for the deceased when known.
    public var dateOfDeath: String?
    /// 2-digit province of permanent residence, when known.
    public var provinceCode: String?
    /// 5-digit commune of permanent residence, when known.
    public var communeCode: String?

    /// Creates a registry row.
    public init(
        nationalID: String,
        fullName: String,
        dateOfBirth: String? = nil,
        sex: String? = nil,
        status: RegistryStatus = .alive,
        dateOfDeath: String? = nil,
        provinceCode: String? = nil,
        communeCode: String? = nil
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
