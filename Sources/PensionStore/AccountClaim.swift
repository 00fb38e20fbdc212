import PensionDomain

/// "Beneficiary X wants to be paid into account (BIN, number)": the key of the shared-account check.
///
/// `description` masks the ID and the account.
public struct AccountClaim: Sendable, Hashable, CustomStringConvertible {
    /// 12-digit ID of the claiming beneficiary.
    public var nationalID: String
    /// 6-digit bank BIN.
    public var bankBIN: String
    /// Normalised account number.
    public var bankAccount: String

    /// Creates a claim.
    public init(nationalID: String, bankBIN: String, bankAccount: String) {
        self.nationalID = nationalID
        self.bankBIN = bankBIN
        self.bankAccount = bankAccount
    }

    /// Masked ID and account.
    public var description: String {
        "AccountClaim(\((try? NationalID.parse(nationalID))?.masked ?? "************"), \(bankBIN) \(Masking.account(bankAccount)))"
    }
}
