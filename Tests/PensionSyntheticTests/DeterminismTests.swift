import PensionSynthetic
import Testing

@Suite("Synthetic roster determinism")
struct DeterminismTests {
    static func lines(seed: UInt64, people: Int = 20_000, month: Int = 1) -> [String] {
        NationalRoster(options: NationalRosterOptions(people: people, seed: seed)).map {
            SyntheticCSV.rosterLine($0) + (SyntheticCSV.registryLine($0, month: month) ?? "-\n")
        }
    }

    @Test("the same seed gives the same rows; another seed gives other rows")
    func sameSeedSameRows() {
        let first = Self.lines(seed: 42)
        #expect(first == Self.lines(seed: 42))
        let other = Self.lines(seed: 43)
        #expect(zip(first, other).filter { $0 == $1 }.isEmpty)
    }

    @Test("a shorter roster is a prefix of a longer one with the same seed")
    func prefixStable() {
        #expect(Self.lines(seed: 5, people: 20_000).prefix(1_000) == Self.lines(seed: 5, people: 1_000)[...])
    }

    @Test("the month changes only the registry status columns")
    func monthChangesOnlyStatus() {
        let roster = NationalRoster(options: NationalRosterOptions(people: 20_000, seed: 9))
        var changed = 0
        for person in roster {
            let one = SyntheticCSV.registryLine(person, month: 1), two = SyntheticCSV.registryLine(person, month: 2)
            guard let one, let two else { #expect(one == nil && two == nil); continue }
            if one != two {
                changed += 1
                #expect(!person.isDeceased(inMonth: 1) && person.isDeceased(inMonth: 2))
                #expect(one.split(separator: ",").prefix(4) == two.split(separator: ",").prefix(4))
            }
        }
        #expect(changed > 0)
    }
}
