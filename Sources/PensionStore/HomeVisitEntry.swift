/// One line of a commune's home-visit list.
public struct HomeVisitEntry: Sendable, Equatable {
    /// Paying province.
    public var provinceCode: String
    /// Commune code, when known.
    public var communeCode: String?
    /// Postal address line, when known.
    public var postalAddress: String?
    /// Full name (the list is for the staff who visit; it is never logged).
    public var fullName: String
    /// ISO partial birth date.
    public var dateOfBirth: String
    /// "M", "F" or unknown.
    public var sex: String?
    /// Phone on file.
    public var phone: String?
    /// 12-digit ID.
    public var nationalID: String
    /// Period of the task that listed the visit.
    public var period: String
    /// The notice id (to report the visit back against).
    public var noticeID: String

    /// Creates an entry.
    public init(provinceCode: String, communeCode: String?, postalAddress: String?, fullName: String, dateOfBirth: String, sex: String?,
                phone: String?, nationalID: String, period: String, noticeID: String) {
        self.provinceCode = provinceCode
        self.communeCode = communeCode
        self.postalAddress = postalAddress
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.phone = phone
        self.nationalID = nationalID
        self.period = period
        self.noticeID = noticeID
    }
}
