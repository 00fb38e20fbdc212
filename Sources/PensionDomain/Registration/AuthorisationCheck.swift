import Foundation

/// The pure validity rules for payment authorisations (FACTS §0, §1d, §7).
public enum AuthorisationCheck: Sendable {
    /// Evaluates `authorisation` on the local calendar `day` (a partial day counts as its first possible day).
    ///
    /// In order: holder is the beneficiary; ends before it starts; expired (expiry day < `day`; the
    /// expiry day itself is still valid); old law and `day` after the lapse date; not yet started;
    /// new law and longer than `policy.maximumMonths` — measured from the start when given
    /// (start + 12 months, same day-of-month, is still allowed), otherwise the expiry may be at most
    /// `day` + 12 months. Old-law authorisations are not held to the 12-month limit; they lapse instead.
    public static func evaluate(_ authorisation: Authorisation, on day: PartialDate,
                                policy: AuthorisationPolicy = .standard,
                                beneficiaryID: NationalID? = nil) -> AuthorisationStatus {
        evaluate(authorisation, on: CivilDay(day), policy: policy, beneficiaryID: beneficiaryID)
    }

    /// Evaluates `authorisation` on the Vietnam-local day of `date`.
    public static func evaluate(_ authorisation: Authorisation, at date: Date,
                                policy: AuthorisationPolicy = .standard,
                                utcOffsetSeconds: Int = PaymentCalendar.vietnamUTCOffsetSeconds,
                                beneficiaryID: NationalID? = nil) -> AuthorisationStatus {
        evaluate(authorisation, on: CivilDay(date, utcOffsetSeconds: utcOffsetSeconds), policy: policy,
                 beneficiaryID: beneficiaryID)
    }

    static func evaluate(_ authorisation: Authorisation, on today: CivilDay, policy: AuthorisationPolicy,
                         beneficiaryID: NationalID?) -> AuthorisationStatus {
        if let beneficiaryID, beneficiaryID == authorisation.holderID { return .holderIsBeneficiary }
        let expires = CivilDay(authorisation.expires)
        let start = authorisation.startsOn.map { CivilDay($0) }
        if let start, expires < start { return .endsBeforeStart }
        if expires < today { return .expired }
        if authorisation.madeUnderOldLaw, policy.lapseDay < today { return .lapsedUnderOldLaw }
        if let start, today < start { return .notYetStarted }
        if !authorisation.madeUnderOldLaw {
            let limit = (start ?? today).addingMonths(policy.maximumMonths)
            if limit < expires { return .tooLong }
        }
        let lastDay = authorisation.madeUnderOldLaw ? min(expires, policy.lapseDay) : expires
        return .valid(lastDay: lastDay.partialDate)
    }
}
