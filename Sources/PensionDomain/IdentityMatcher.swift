import Foundation

/// The matching rule between BHXH's claim and the population registry.
public enum IdentityMatcher: Sendable {
    /// Decides the outcome for one beneficiary.
    ///
    /// Order matters: no record → `notFound`; a recorded death → `deceased` whatever else differs
    /// (stopping payment to the dead outranks everything); an empty claimed name → `invalid`;
    /// then name, birth date and sex are compared, the last two only when both sides know them.
    /// Structure warnings use the registry's birth date and sex when present, since it is authoritative.
    public static func verify(claim: IdentityClaim, record: RegistryRecord?) -> VerificationResult {
        var warnings = IdentityStructure.warnings(
            for: claim.nationalID,
            birthDate: record?.dateOfBirth ?? claim.dateOfBirth,
            sex: record?.sex ?? claim.sex
        )
        guard let record else { return VerificationResult(outcome: .notFound, warnings: warnings) }
        if record.status == .deceased {
            return VerificationResult(outcome: .deceased(dateOfDeath: record.dateOfDeath), warnings: warnings)
        }
        if claim.fullName.unicodeScalars.allSatisfy(UnicodeText.isSpaceLike) {
            return VerificationResult(outcome: .invalid(reason: "the claimed full name is empty"), warnings: warnings)
        }

        var differing: [IdentityField] = []
        if !PersonName.matches(claim.fullName, record.fullName) {
            differing.append(.name)
            if PersonName.unaccentedKey(claim.fullName) == PersonName.unaccentedKey(record.fullName) {
                warnings.append(IdentityWarning(
                    code: IdentityWarning.nameDiffersOnlyInAccentsCode,
                    message: "the names differ only in diacritics (tone or vowel marks)"
                ))
            }
        }
        if let claimed = claim.dateOfBirth, let registered = record.dateOfBirth, !claimed.agrees(with: registered) {
            differing.append(.dateOfBirth)
        }
        if let claimed = claim.sex, let registered = record.sex, claimed != registered {
            differing.append(.sex)
        }
        let outcome: VerificationOutcome = differing.isEmpty ? .verified : .mismatch(fields: differing)
        return VerificationResult(outcome: outcome, warnings: warnings)
    }
}
