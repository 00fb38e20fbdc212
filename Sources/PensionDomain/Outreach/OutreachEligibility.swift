import Foundation

/// Whether a beneficiary may receive an outreach notice at all.
///
/// Deceased, on-hold, already-bank-paid and opted-out beneficiaries get nothing (issue 4). When several
/// reasons apply, the most serious is reported: deceased, then on hold, then already paid by bank, then opted out.
public enum OutreachEligibility: Sendable {
    /// Why a beneficiary is skipped; raw values are the stored reason codes.
    public enum SkipReason: String, Codable, Sendable, Hashable, CaseIterable {
        /// A death is recorded in the population registry or in our own records.
        case deceased
        /// Payments are on hold (e.g. under review); notices would be misleading.
        case onHold = "on_hold"
        /// Already paid into a bank account; the campaign's goal is met.
        case alreadyBank = "already_bank"
        /// The beneficiary asked not to receive notices.
        case optedOut = "opted_out"
    }

    /// The decision.
    public enum Result: Hashable, Sendable {
        /// Send a notice.
        case eligible
        /// Send nothing, for this reason.
        case skip(reason: SkipReason)

        /// True for `.eligible`.
        public var isEligible: Bool { self == .eligible }
    }

    /// Decides eligibility.
    /// - Parameters:
    ///   - status: the population-registry life status, when known (`nil` before any verification).
    ///   - paymentMethod: how the beneficiary is paid now.
    ///   - optedOut: the beneficiary asked not to receive notices.
    ///   - deceased: a death is recorded in our own records (either this or `status` suffices).
    ///   - onHold: payments are on hold.
    public static func check(status: RegistryStatus?, paymentMethod: PaymentMethod, optedOut: Bool = false,
                             deceased: Bool = false, onHold: Bool = false) -> Result {
        if deceased || status == .deceased { return .skip(reason: .deceased) }
        if onHold { return .skip(reason: .onHold) }
        if paymentMethod == .bank { return .skip(reason: .alreadyBank) }
        if optedOut { return .skip(reason: .optedOut) }
        return .eligible
    }
}
