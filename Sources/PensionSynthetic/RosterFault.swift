/// A mistake injected into a roster row that the importer must refuse (FACTS §9).
public enum RosterFault: String, Sendable, Hashable, CaseIterable {
    /// The old 9-digit CMND number instead of the 12-digit personal ID (invalid since 01/01/2025).
    case oldCMND
    /// A date of birth that does not exist (31 February).
    case impossibleBirthDate
    /// A bank account shorter than 6 characters.
    case shortAccount
    /// A BIN missing from the bank directory (a card BIN).
    case unknownBIN
}

/// An account mistake the importer accepts with a warning and the registration rules catch later:
/// the top failures of August 2024 (2646/BHXH-TCKT).
public enum AccountWarningCase: String, Sendable, Hashable, CaseIterable {
    /// A 16- or 19-digit domestic card number starting with 9704.
    case cardNumber
    /// An e-wallet pseudo-account (`99MM…`).
    case eWallet
}
