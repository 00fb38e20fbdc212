/// Counts what a generated roster and registry extract hold, for the summary a run prints and the
/// checks a benchmark makes.
public struct NationalRosterTally: Sendable, Hashable {
    /// Roster rows written.
    public private(set) var rosterRows = 0
    /// Rows the importer must refuse, by cause.
    public private(set) var refused: [RosterFault: Int] = [:]
    /// Usable rows paid in cash.
    public private(set) var cashRows = 0
    /// Usable rows with a card number or e-wallet as the account (accepted with a warning).
    public private(set) var accountWarnings = 0
    /// Registry rows written.
    public private(set) var registryRows = 0
    /// Registry rows marked deceased.
    public private(set) var deceasedRows = 0
    /// People missing from the registry.
    public private(set) var missingFromRegistry = 0
    /// Registry rows with a real difference (name or birth year).
    public private(set) var mismatches = 0

    /// An empty tally.
    public init() {}

    /// Counts one person for the extract of month `month`.
    public mutating func add(_ person: SyntheticPerson, month: Int) {
        rosterRows += 1
        if let fault = person.rosterFault {
            refused[fault, default: 0] += 1
        } else {
            if person.paymentMethod == .cash { cashRows += 1 }
            if person.accountWarning != nil { accountWarnings += 1 }
        }
        guard let registry = person.registry else {
            missingFromRegistry += 1
            return
        }
        registryRows += 1
        if person.isDeceased(inMonth: month) { deceasedRows += 1 }
        if registry.mismatch != nil { mismatches += 1 }
    }

    /// Rows the importer must refuse.
    public var expectedRejects: Int { refused.values.reduce(0, +) }

    /// Rows the importer accepts.
    public var usableRows: Int { rosterRows - expectedRejects }

    /// The share of usable rows paid in cash (0 when there are none).
    public var cashShare: Double { usableRows == 0 ? 0 : Double(cashRows) / Double(usableRows) }
}
