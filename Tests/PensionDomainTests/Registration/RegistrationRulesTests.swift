import Foundation
import Testing
@testable import PensionDomain

@Suite("RegistrationRules")
struct RegistrationRulesTests {
    static let beneficiaryID = try! NationalID.parse("079050001234")
    static let relativeID = try! NationalID.parse("001180001234")
    static let verifiedName = "Nguyễn Thị Ánh Đào"
    static let bankName = "NGUYEN THI ANH DAO"

    private static func at(_ raw: String) -> Date { PaymentCalendar.parseInstant(raw)! }

    private func request(bin: String = "970436", account: String = "0071000123456", holderID: NationalID? = nil,
                         expires: String? = nil, requestedAt: String = "2026-11-20T10:15:00+07:00") -> RegistrationRequest {
        RegistrationRequest(nationalID: Self.beneficiaryID, bankBIN: bin, bankAccount: account, holderName: "Nguyễn Thị Ánh Đào",
                            authorisedHolderID: holderID, authorisationExpires: expires.map { try! PartialDate.parse($0) },
                            channel: .paymentPoint, requestedAt: Self.at(requestedAt))
    }

    private func decide(_ request: RegistrationRequest? = nil,
                        beneficiary: BeneficiaryState = .verified(fullName: verifiedName),
                        inquiry: BankNameInquiryResult = .holder(name: bankName), shared: Bool = false,
                        policy: RegistrationPolicy = .standard,
                        at decision: String = "2026-11-20T12:00:00+07:00") -> RegistrationDecision {
        RegistrationRules.decide(request: request ?? self.request(), beneficiary: beneficiary, bankInquiry: inquiry,
                                 accountPaysAnotherBeneficiary: shared, policy: policy, decisionDate: Self.at(decision))
    }

    @Test func registersFromTheNextPeriod() {
        #expect(decide() == .registered(effectivePeriod: Period(year: 2026, month: 12)!))
        #expect(decide().description == "registered from 2026-12")
        #expect(decide().kind == .registered && decide().reason == nil && decide().isFinal)
    }

    @Test("beneficiary states", arguments: [
        (BeneficiaryState.unknown, "rejected: unknown_beneficiary"),
        (BeneficiaryState(verification: .completed(.verified), deceased: true, verifiedFullName: verifiedName), "rejected: deceased"),
        (BeneficiaryState(verification: .pending, deceased: true), "rejected: deceased"),
        (BeneficiaryState(verification: .completed(.deceased)), "rejected: deceased"),
        (BeneficiaryState(verification: .pending), "retry_later: verification_pending"),
        (BeneficiaryState(verification: .never), "rejected: not_verified"),
        (BeneficiaryState(verification: .completed(.mismatch)), "rejected: not_verified"),
        (BeneficiaryState(verification: .completed(.notFound)), "rejected: not_verified"),
        (BeneficiaryState(verification: .completed(.invalid)), "rejected: not_verified"),
        (BeneficiaryState(verification: .completed(.verified)), "rejected: not_verified"),                 // no verified name
        (BeneficiaryState(verification: .completed(.verified), verifiedFullName: " "), "rejected: not_verified"),
        (BeneficiaryState(verification: .never, verifiedFullName: verifiedName), "rejected: not_verified"),
    ] as [(BeneficiaryState, String)])
    func beneficiaryStates(state: BeneficiaryState, expected: String) {
        #expect(decide(beneficiary: state).description == expected)
    }

    @Test func pendingVerificationIsNotFinal() {
        let decision = decide(beneficiary: BeneficiaryState(verification: .pending))
        #expect(decision == .retryLater(reason: "verification_pending"))
        #expect(!decision.isFinal && decision.kind == .retryLater)
    }

    @Test("bank and account rules", arguments: [
        ("970499", "0071000123456", "unknown_bank"),         // Agribank's card BIN is not a bank
        ("123456", "0071000123456", "unknown_bank"),
        ("970410", "0071000123456", "unknown_bank"),         // not in the pinned list
        ("971025", "0071000123456", "e_wallet"),             // MoMo's BIN
        ("971005", "0071000123456", "e_wallet"),
        ("970436", "9704361234567895", "card_number"),
        ("970405", "9704991234567899", "card_number"),
        ("970415", "9704151234567890124", "card_number"),
        ("546034", "5460341234567899", "card_number"),
        ("970454", "99MM24011M34875080", "e_wallet"),
        ("970454", "99ZP24009M07248267", "e_wallet"),
        ("970436", "PSP123456789000000", "e_wallet"),
        ("970436", "12345", "invalid_account"),
        ("970436", "12345678901234567890", "invalid_account"),
        ("970436", "0071_000123", "invalid_account"),
    ] as [(String, String, String)])
    func bankAndAccount(bin: String, account: String, expected: String) {
        let decision = decide(request(bin: bin, account: account))
        #expect(decision == .rejected(reason: RegistrationReason(rawValue: expected)))
        #expect(RegistrationRules.precheck(request: request(bin: bin, account: account),
                                           beneficiary: .verified(fullName: Self.verifiedName)) == decision)
    }

    @Test func precheckLetsAGoodRequestThroughToTheBank() {
        #expect(RegistrationRules.precheck(request: request(), beneficiary: .verified(fullName: Self.verifiedName)) == nil)
        #expect(RegistrationRules.precheck(request: request(bin: "546034", account: "1234567890"),
                                           beneficiary: .verified(fullName: Self.verifiedName)) == nil)
    }

    @Test func accountNotFound() {
        #expect(decide(inquiry: .accountNotFound) == .rejected(reason: .accountNotFound))
    }

    @Test("holder names compared on the unaccented upper-case key", arguments: [
        ("NGUYEN THI ANH DAO", true), ("nguyen thi anh dao", true), ("  NGUYEN  THI\u{00A0}ANH DAO ", true),
        ("Nguyễn Thị Ánh Đào", true), ("Nguye\u{0302}\u{0303}n Thi\u{0323} A\u{0301}nh \u{00D0}a\u{0300}o", true),
        ("NGUYEN THI ANH DAO.", false), ("NGUYEN THI ANH", false), ("NGUYEN VAN ANH DAO", false), ("TRAN THI ANH DAO", false),
        ("", false),
    ] as [(String, Bool)])
    func holderNames(bankName: String, matches: Bool) {
        #expect(RegistrationRules.holderNamesMatch(bankName: bankName, verifiedName: Self.verifiedName) == matches)
        let expected: RegistrationDecision = matches ? .registered(effectivePeriod: Period(year: 2026, month: 12)!)
            : .rejected(reason: .holderNameMismatch)
        #expect(decide(inquiry: .holder(name: bankName)) == expected)
    }

    @Test func authorisedRelativesAccount() {
        let relative = BankNameInquiryResult.holder(name: "LE VAN BINH")
        // A valid authorisation covers a different holder name.
        #expect(decide(request(holderID: Self.relativeID, expires: "2027-06-30"), inquiry: relative).kind == .registered)
        // The expiry day itself is still valid.
        #expect(decide(request(holderID: Self.relativeID, expires: "2026-11-20"), inquiry: relative).kind == .registered)
        // Expired.
        #expect(decide(request(holderID: Self.relativeID, expires: "2026-11-19"), inquiry: relative)
            == .rejected(reason: .authorisationExpired))
        // Longer than 12 months from the decision day.
        #expect(decide(request(holderID: Self.relativeID, expires: "2027-11-21"), inquiry: relative)
            == .rejected(reason: .authorisationInvalid))
        #expect(decide(request(holderID: Self.relativeID, expires: "2027-11-20"), inquiry: relative).kind == .registered)
        // An "authorisation" to the beneficiary herself.
        #expect(decide(request(holderID: Self.beneficiaryID, expires: "2027-06-30"), inquiry: relative)
            == .rejected(reason: .authorisationInvalid))
        // A valid authorisation but the bank returns no name.
        #expect(decide(request(holderID: Self.relativeID, expires: "2027-06-30"), inquiry: .holder(name: " "))
            == .rejected(reason: .holderNameMismatch))
        // Incomplete authorisations built in code (intake refuses them).
        var half = request()
        half.authorisedHolderID = Self.relativeID
        #expect(decide(half, inquiry: relative) == .rejected(reason: .authorisationInvalid))
        half.authorisationExpires = PartialDate(year: 2027, month: 1)
        #expect(decide(half, inquiry: relative) == .rejected(reason: .authorisationInvalid))
        // The beneficiary's own account: an expired authorisation on the form does not matter.
        #expect(decide(request(holderID: Self.relativeID, expires: "2026-01-01")).kind == .registered)
    }

    @Test func expiryIsJudgedOnTheVietnamDay() {
        let relative = BankNameInquiryResult.holder(name: "LE VAN BINH")
        let form = request(holderID: Self.relativeID, expires: "2026-11-20")
        #expect(decide(form, inquiry: relative, at: "2026-11-20T16:59:59Z").kind == .registered)
        #expect(decide(form, inquiry: relative, at: "2026-11-20T17:30:00Z") == .rejected(reason: .authorisationExpired))
    }

    @Test func oldLawAuthorisationsLapseOnTheConfiguredDate() {
        let relative = BankNameInquiryResult.holder(name: "LE VAN BINH")
        // Requested before 01/07/2025, so the authorisation can only be an old-law one (no 12-month cap).
        let old = request(holderID: Self.relativeID, expires: "2027-12-31", requestedAt: "2025-06-15T09:00:00+07:00")
        #expect(decide(old, inquiry: relative, at: "2026-06-30T23:00:00+07:00") == .registered(effectivePeriod: Period(year: 2026, month: 8)!))
        #expect(decide(old, inquiry: relative, at: "2026-07-01T00:30:00+07:00") == .rejected(reason: .authorisationExpired))
        #expect(decide(old, inquiry: relative, at: "2026-06-30T17:30:00Z") == .rejected(reason: .authorisationExpired))
        let later = RegistrationPolicy(authorisation: AuthorisationPolicy(legacyLapseDate: PartialDate(year: 2026, month: 12, day: 31)!))
        #expect(decide(old, inquiry: relative, policy: later, at: "2026-07-01T00:30:00+07:00").kind == .registered)
        let hanoi = RegistrationPolicy(authorisation: AuthorisationPolicy(legacyLapseDate: PartialDate(year: 2025, month: 6, day: 30)!))
        #expect(decide(old, inquiry: relative, policy: hanoi, at: "2025-07-02T10:00:00+07:00") == .rejected(reason: .authorisationExpired))
        // The same dates on a new-law request are simply too long.
        let new = request(holderID: Self.relativeID, expires: "2027-12-31", requestedAt: "2026-06-15T09:00:00+07:00")
        #expect(decide(new, inquiry: relative, at: "2026-06-30T23:00:00+07:00") == .rejected(reason: .authorisationInvalid))
    }

    @Test func sharedAccountGoesToReview() {
        #expect(decide(shared: true) == .review(reason: "shared_account"))
        #expect(decide(shared: true).description == "review: shared_account")
        #expect(decide(request(holderID: Self.relativeID, expires: "2027-06-30"), inquiry: .holder(name: "LE VAN BINH"), shared: true)
            == .review(reason: .sharedAccount))
        // A rejection is stronger than the review signal.
        #expect(decide(inquiry: .holder(name: "LE VAN BINH"), shared: true) == .rejected(reason: .holderNameMismatch))
        #expect(decide(request(account: "9704361234567895"), shared: true) == .rejected(reason: .cardNumber))
    }

    @Test("effective period around the cut-off in Vietnam time", arguments: [
        ("2026-11-20T16:59:59Z", "2026-11-20T16:59:59Z", "2026-12"),  // 20 Nov 23:59:59 in Vietnam
        ("2026-11-20T16:59:59Z", "2026-11-20T17:10:00Z", "2027-01"),  // requested on the 20th, decided on the 21st: too late for December
        ("2026-11-20T10:00:00+07:00", "2026-11-20T11:00:00+07:00", "2026-12"),
        ("2026-11-20T17:30:00Z", "2026-11-20T17:31:00Z", "2027-01"),  // 21 Nov in Vietnam
        ("2026-12-20T10:00:00+07:00", "2026-12-20T10:05:00+07:00", "2027-01"),
        ("2026-12-21T10:00:00+07:00", "2026-12-21T10:05:00+07:00", "2027-02"),
        ("2026-12-31T17:00:00Z", "2026-12-31T17:05:00Z", "2027-02"),  // 1 Jan 2027 local
        ("2026-11-19T10:00:00+07:00", "2026-12-05T10:00:00+07:00", "2027-01"),  // decided late
    ] as [(String, String, String)])
    func effectivePeriods(requested: String, decided: String, expected: String) {
        let decision = decide(request(requestedAt: requested), at: decided)
        #expect(decision.effectivePeriod?.description == expected)
    }

    @Test func cutOffDayIsConfigurable() {
        let policy = RegistrationPolicy(cutOffDay: 25)
        let form = request(requestedAt: "2026-11-24T10:00:00+07:00")
        #expect(decide(form, policy: policy, at: "2026-11-24T11:00:00+07:00").effectivePeriod?.description == "2026-12")
        #expect(decide(form, at: "2026-11-24T11:00:00+07:00").effectivePeriod?.description == "2027-01")
        #expect(RegistrationPolicy(cutOffDay: 0).cutOffDay == 1)
        #expect(RegistrationPolicy(cutOffDay: 40).cutOffDay == 31)
    }

    @Test func everyRejectionCodeIsReachable() {
        var seen: Set<RegistrationReason> = []
        let relative = BankNameInquiryResult.holder(name: "LE VAN BINH")
        let decisions: [RegistrationDecision] = [
            decide(beneficiary: .unknown),
            decide(beneficiary: BeneficiaryState(verification: .completed(.mismatch))),
            decide(beneficiary: BeneficiaryState(verification: .completed(.deceased))),
            decide(request(bin: "999999")),
            decide(request(account: "9704361234567895")),
            decide(request(bin: "970454", account: "99MM24011M34875080")),
            decide(request(account: "123")),
            decide(inquiry: .accountNotFound),
            decide(inquiry: relative),
            decide(request(holderID: Self.relativeID, expires: "2026-01-31"), inquiry: relative),
            decide(request(holderID: Self.relativeID, expires: "2028-01-31"), inquiry: relative),
        ]
        for decision in decisions {
            #expect(decision.kind == .rejected)
            if let reason = decision.reason { seen.insert(reason) }
        }
        #expect(seen == Set(RegistrationReason.rejectionReasons))
        #expect(RegistrationReason.rejectionReasons.map(\.rawValue) == [
            "unknown_beneficiary", "not_verified", "deceased", "unknown_bank", "card_number", "e_wallet", "invalid_account",
            "account_not_found", "holder_name_mismatch", "authorisation_expired", "authorisation_invalid",
        ])
    }

    @Test func descriptionsDoNotLeakPersonalData() {
        let state = BeneficiaryState.verified(fullName: Self.verifiedName)
        #expect(!"\(state)".contains("Nguyễn") && "\(state)".contains("N*****"))
        #expect("\(BankNameInquiryResult.holder(name: Self.bankName))" == "holder(N***** T** A** D**)")
        #expect(RegistrationDecision.Kind.allCases.map(\.rawValue) == ["registered", "rejected", "review", "retry_later"])
    }

    @Test func reasonsEncodeAsPlainStrings() throws {
        let data = try JSONEncoder().encode([RegistrationReason.cardNumber, .sharedAccount])
        #expect(String(decoding: data, as: UTF8.self) == #"["card_number","shared_account"]"#)
        #expect(try JSONDecoder().decode([RegistrationReason].self, from: data) == [.cardNumber, .sharedAccount])
    }
}
