import PensionDomain

extension BeneficiaryRow {
    /// What the registration rules need to know about this beneficiary.
    ///
    /// - `deceased`: status `deceased` or a latest outcome `deceased`.
    /// - verification: no outcome yet → `.pending` (every roster import publishes a verify task for
    ///   each row, so a person on record without an outcome is waiting for one); otherwise the latest
    ///   outcome. A re-verification in flight (monthly review) keeps the latest completed outcome.
    /// - the verified name is the roster name, which the registry confirmed when the outcome is `verified`.
    public var registrationState: PensionDomain.BeneficiaryState {
        let outcome = lastOutcome.flatMap(OutcomeKind.init(rawValue:))
        return PensionDomain.BeneficiaryState(
            exists: true,
            verification: outcome.map { .completed($0) } ?? .pending,
            deceased: status == .deceased || outcome == .deceased,
            verifiedFullName: outcome == .verified ? fullName : nil)
    }
}
