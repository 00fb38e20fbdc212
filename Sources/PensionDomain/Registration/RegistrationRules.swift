import Foundation

/// The pure decision for one bank-account registration request (issue 5; FACTS §5, §7, §10).
///
/// The worker gathers the facts (beneficiary state from the store, the bank's name inquiry, whether
/// the account already pays someone else), calls `decide`, and records the one decision. Calling
/// `precheck` first avoids a bank call for requests that are refused anyway.
public enum RegistrationRules: Sendable {
    /// The checks that need no bank call, in order; nil means "ask the bank and call `decide`".
    ///
    /// 1. beneficiary: unknown → `unknown_beneficiary`; deceased → `deceased`; verification in flight →
    ///    retry later (`verification_pending`); latest outcome not `verified`, never verified, or no
    ///    verified name → `not_verified`;
    /// 2. bank: an e-wallet BIN → `e_wallet`; a BIN outside `BankDirectory` → `unknown_bank`;
    /// 3. account (`AccountNumberCheck`): `card_number`, `e_wallet`, or `invalid_account` for
    ///    too short, too long or invalid characters.
    public static func precheck(request: RegistrationRequest, beneficiary: BeneficiaryState) -> RegistrationDecision? {
        guard beneficiary.exists else { return .rejected(reason: .unknownBeneficiary) }
        if beneficiary.deceased { return .rejected(reason: .deceased) }
        switch beneficiary.verification {
        case .pending:
            return .retryLater(reason: .verificationPending)
        case .completed(.deceased):
            return .rejected(reason: .deceased)
        case .never, .completed:
            guard beneficiary.verification == .completed(.verified),
                  let name = beneficiary.verifiedFullName, !PersonName.unaccentedKey(name).isEmpty else {
                return .rejected(reason: .notVerified)
            }
        }

        if AccountNumberCheck.isEWalletBIN(request.bankBIN) { return .rejected(reason: .eWallet) }
        guard BankDirectory.bank(bin: request.bankBIN) != nil else { return .rejected(reason: .unknownBank) }

        switch AccountNumberCheck.classify(request.bankAccount, bin: request.bankBIN) {
        case .depositAccount:
            return nil
        case .rejected(let rejection):
            switch rejection.code {
            case .cardNumber: return .rejected(reason: .cardNumber)
            case .eWallet: return .rejected(reason: .eWallet)
            default: return .rejected(reason: .invalidAccount)
            }
        }
    }

    /// The full decision: `precheck`, then
    /// 4. name inquiry: no such account → `account_not_found`;
    /// 5. holder name: equal `PersonName.unaccentedKey` of the bank's name and the verified name → own
    ///    account. Otherwise the request must carry an authorisation: none → `holder_name_mismatch`;
    ///    incomplete (holder without a full expiry date, or the reverse) → `authorisation_invalid`;
    ///    expired or lapsed → `authorisation_expired`; too long, not started, inconsistent or naming the
    ///    beneficiary → `authorisation_invalid`; valid → accepted if the bank returned a non-empty name
    ///    (we hold no verified name for the relative, so the authorisation document is the evidence),
    ///    else `holder_name_mismatch`;
    /// 6. the account already pays another beneficiary → `review: shared_account`;
    /// 7. `registered`, effective from `PaymentCalendar.effectivePeriod(requestedAt:decidedAt:…)`.
    ///
    /// - Parameter decisionDate: "now", from the worker's injected clock; the local day is taken at
    ///   `policy.utcOffsetSeconds` (Vietnam time).
    public static func decide(request: RegistrationRequest, beneficiary: BeneficiaryState,
                              bankInquiry: BankNameInquiryResult, accountPaysAnotherBeneficiary: Bool,
                              policy: RegistrationPolicy = .standard, decisionDate: Date) -> RegistrationDecision {
        if let early = precheck(request: request, beneficiary: beneficiary) {
            return early
        }
        guard case .holder(let bankName) = bankInquiry else { return .rejected(reason: .accountNotFound) }

        let verifiedName = beneficiary.verifiedFullName ?? ""
        if !holderNamesMatch(bankName: bankName, verifiedName: verifiedName) {
            guard request.authorisedHolderID != nil || request.authorisationExpires != nil else {
                return .rejected(reason: .holderNameMismatch)
            }
            // Half an authorisation, or a partial expiry date (possible only through the memberwise initialiser).
            guard let authorisation = request.authorisation(policy: policy) else {
                return .rejected(reason: .authorisationInvalid)
            }
            let status = AuthorisationCheck.evaluate(authorisation, at: decisionDate, policy: policy.authorisation,
                                                     utcOffsetSeconds: policy.utcOffsetSeconds,
                                                     beneficiaryID: request.nationalID)
            if let reason = status.rejectionReason { return .rejected(reason: reason) }
            guard !PersonName.unaccentedKey(bankName).isEmpty else { return .rejected(reason: .holderNameMismatch) }
        }

        if accountPaysAnotherBeneficiary { return .review(reason: .sharedAccount) }

        return .registered(effectivePeriod: PaymentCalendar.effectivePeriod(
            requestedAt: request.requestedAt, decidedAt: decisionDate,
            cutOffDay: policy.cutOffDay, utcOffsetSeconds: policy.utcOffsetSeconds))
    }

    /// True when both names have the same non-empty `PersonName.unaccentedKey`
    /// ("Nguyễn Thị Ánh Đào" matches the bank's "NGUYEN THI ANH DAO").
    public static func holderNamesMatch(bankName: String, verifiedName: String) -> Bool {
        let key = PersonName.unaccentedKey(bankName)
        return !key.isEmpty && key == PersonName.unaccentedKey(verifiedName)
    }
}
