import Foundation

/// The verdict of `AuthorisationCheck` for one decision day.
public enum AuthorisationStatus: Hashable, Sendable {
    /// Valid on the decision day, up to and including `lastDay` (the expiry, or the legacy lapse date if earlier).
    case valid(lastDay: PartialDate)
    /// The expiry day is before the decision day.
    case expired
    /// An old-law authorisation on a day after the legacy lapse date.
    case lapsedUnderOldLaw
    /// A new-law authorisation longer than the maximum (from its start, or from the decision day when the start is unknown).
    case tooLong
    /// Its start is after the decision day.
    case notYetStarted
    /// Its expiry is before its start.
    case endsBeforeStart
    /// The holder is the beneficiary: an authorisation to oneself is meaningless.
    case holderIsBeneficiary

    /// True for `.valid`.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    /// The rejection reason: `authorisation_expired` for expired or lapsed, `authorisation_invalid` for
    /// the rest, nil when valid.
    public var rejectionReason: RegistrationReason? {
        switch self {
        case .valid: nil
        case .expired, .lapsedUnderOldLaw: .authorisationExpired
        case .tooLong, .notYetStarted, .endsBeforeStart, .holderIsBeneficiary: .authorisationInvalid
        }
    }
}
