import PensionDomain

/// One synthetic beneficiary: who the person really is, how the province's roster writes the row,
/// and what the population registry says about them.
public struct SyntheticPerson: Sendable, Hashable {
    /// Position in the roster (0-based).
    public let index: Int
    /// The real 12-digit personal ID.
    public let nationalID: String
    /// Full name, NFC with diacritics, as the roster writes it.
    public let fullName: String
    /// Sex; the ID's century/sex digit agrees with it.
    public let sex: Sex
    /// Real date of birth; the ID's YY digits agree with its year.
    public let birthDate: PartialDate
    /// Current (34-province) code of the province that pays the benefit.
    public let provinceCode: String
    /// Five-digit commune code within that province.
    public let communeCode: String
    /// Mobile phone (10 digits), for about 70 %.
    public let phone: String?
    /// How the roster says the benefit is paid.
    public let paymentMethod: PaymentMethod
    /// BIN of the paying bank (bank-paid rows only).
    public let bankBIN: String?
    /// The account the roster holds (bank-paid rows only); it may be one of the injected mistakes.
    public let bankAccount: String?
    /// Old 10-digit BHXH code, for about 30 %.
    public let legacyBHXHCode: String?
    /// The fields that the roster writes differently from the truth above.
    public let written: WrittenRosterFields
    /// The injected mistake that must make the importer refuse the row, if any.
    public let rosterFault: RosterFault?
    /// An account mistake accepted with a warning, if any.
    public let accountWarning: AccountWarningCase?
    /// The registry's record of the person; nil when the registry does not know them.
    public let registry: RegistryView?
    /// When the registry starts to list the person as dead; nil when not within the horizon.
    public let death: SyntheticDeath?

    /// True when the registry extract of month `month` (1 = the first period) lists the person as
    /// deceased. Monotonic: once listed, listed in every later extract.
    public func isDeceased(inMonth month: Int) -> Bool {
        guard let death else { return false }
        return death.firstListedMonth <= month
    }
}

/// Roster fields as the province wrote them: the formats vary the way real spreadsheets do.
public struct WrittenRosterFields: Sendable, Hashable {
    /// `national_id` as written (9 digits for an old CMND).
    public let nationalID: String
    /// `date_of_birth` in one of the accepted forms (or an impossible date).
    public let dateOfBirth: String
    /// `sex`: M, F, nam or nữ.
    public let sex: String
    /// `province_code`: the current code, or now and then a pre-2025 code of the same province.
    public let provinceCode: String
    /// `phone` as typed (with +84, dots or spaces), or empty.
    public let phone: String
    /// `payment_method`: cash/bank or a Vietnamese spelling.
    public let paymentMethod: String
}

/// What the population registry records about a person.
public struct RegistryView: Sendable, Hashable {
    /// The name as the registry writes it (possibly with noise that still matches).
    public let fullName: String
    /// The registry's date of birth.
    public let dateOfBirth: PartialDate
    /// Noise on the name that must still match, if any.
    public let nameNoise: RegistryNameNoise?
    /// A real difference from the roster, which verification must report, if any.
    public let mismatch: RegistryMismatch?
}

/// A real difference between the roster and the registry.
public enum RegistryMismatch: String, Sendable, Hashable, CaseIterable {
    /// The registry has another birth year.
    case dateOfBirth
    /// The registry has another given name.
    case name
}

/// A death, as the registry reports it.
public struct SyntheticDeath: Sendable, Hashable {
    /// The first monthly extract (1 = the first period) that lists the person as deceased.
    public let firstListedMonth: Int
    /// The date of death (before the first period for deaths already pending at the start).
    public let date: PartialDate
}
