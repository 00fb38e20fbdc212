import Foundation

/// What the store knows about the beneficiary named in a registration request.
///
/// `description` masks the name.
public struct BeneficiaryState: Hashable, Sendable, CustomStringConvertible {
    /// The state of the beneficiary's identity verification.
    public enum Verification: Hashable, Sendable {
        /// No verification was ever requested.
        case never
        /// A verification task is in flight.
        case pending
        /// The latest verification finished with this outcome.
        case completed(OutcomeKind)
    }

    /// False when no beneficiary has the request's ID number.
    public var exists: Bool
    /// The latest verification.
    public var verification: Verification
    /// True when a death is recorded (by verification or otherwise).
    public var deceased: Bool
    /// The full name of the verified identity (with diacritics); nil when not verified.
    public var verifiedFullName: String?

    /// Creates a state.
    public init(exists: Bool = true, verification: Verification, deceased: Bool = false, verifiedFullName: String? = nil) {
        self.exists = exists
        self.verification = verification
        self.deceased = deceased
        self.verifiedFullName = verifiedFullName
    }

    /// No such beneficiary.
    public static let unknown = BeneficiaryState(exists: false, verification: .never)

    /// A living beneficiary verified under `fullName`.
    public static func verified(fullName: String) -> BeneficiaryState {
        BeneficiaryState(verification: .completed(.verified), verifiedFullName: fullName)
    }

    /// The fields, with the name masked.
    public var description: String {
        "BeneficiaryState(exists: \(exists), verification: \(verification), deceased: \(deceased), name: "
            + (verifiedFullName.map(PersonName.masked) ?? "nil") + ")"
    }
}
