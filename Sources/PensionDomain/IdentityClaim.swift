import Foundation

/// What BHXH's own records say about a beneficiary, to be checked against the registry.
public struct IdentityClaim: Hashable, Sendable, Codable {
    /// The beneficiary's personal ID number.
    public var nationalID: NationalID
    /// Full name as held by BHXH.
    public var fullName: String
    /// Birth date as held by BHXH; nil when unknown (then it is not compared).
    public var dateOfBirth: PartialDate?
    /// Sex as held by BHXH; nil when unknown (then it is not compared).
    public var sex: Sex?

    /// Creates a claim.
    public init(nationalID: NationalID, fullName: String, dateOfBirth: PartialDate?, sex: Sex?) {
        self.nationalID = nationalID
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
    }
}
