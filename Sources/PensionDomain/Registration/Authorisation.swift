import Foundation

/// A beneficiary's authorisation for a relative to be paid into the relative's own account
/// (Luật BHXH 2024: frail beneficiaries; at most 12 months).
///
/// `description` is masked, so the holder's ID number cannot leak through interpolation.
public struct Authorisation: Hashable, Sendable, CustomStringConvertible {
    /// The personal ID number of the relative who holds the account.
    public let holderID: NationalID
    /// The last day on which the authorisation is valid (a complete date, Vietnam calendar).
    public let expires: PartialDate
    /// The first day of validity, when known (a complete date).
    public let startsOn: PartialDate?
    /// True when it was made under the 2014 law; such authorisations lapse on `AuthorisationPolicy.legacyLapseDate`
    /// and are not held to the 12-month limit.
    public let madeUnderOldLaw: Bool

    /// Creates an authorisation; `expires` and `startsOn` must be full dates (day, month and year).
    public init(holderID: NationalID, expires: PartialDate, startsOn: PartialDate? = nil,
                madeUnderOldLaw: Bool = false) throws(FieldError) {
        guard expires.isComplete else {
            throw FieldError(field: "authorisation_expires", message: "needs a full date (day, month and year)")
        }
        if let startsOn, !startsOn.isComplete {
            throw FieldError(field: "authorisation_starts", message: "needs a full date (day, month and year)")
        }
        self.holderID = holderID
        self.expires = expires
        self.startsOn = startsOn
        self.madeUnderOldLaw = madeUnderOldLaw
    }

    /// Creates an authorisation whose law is decided by the day it was granted (`policy.isOldLaw(grantedOn:)`);
    /// the grant day is also its start.
    public init(holderID: NationalID, expires: PartialDate, grantedOn: PartialDate,
                policy: AuthorisationPolicy = .standard) throws(FieldError) {
        try self.init(holderID: holderID, expires: expires, startsOn: grantedOn,
                      madeUnderOldLaw: policy.isOldLaw(grantedOn: grantedOn))
    }

    /// Masked holder ID and the dates, e.g. `Authorisation(001*******34, until 2027-01-31)`.
    public var description: String {
        var text = "Authorisation(\(holderID.masked), "
        if let startsOn { text += "from \(startsOn.iso) " }
        text += "until \(expires.iso)"
        if madeUnderOldLaw { text += ", old law" }
        return text + ")"
    }
}
