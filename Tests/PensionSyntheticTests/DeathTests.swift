import PensionDomain
import PensionSynthetic
import Testing

@Suite("Synthetic deaths")
struct DeathTests {
    static let options = NationalRosterOptions(people: 100_000, seed: 21)

    @Test("deaths are monotonic in the month: once deceased, deceased in every later extract")
    func monotonic() {
        var counts = Array(repeating: 0, count: 13)
        for person in NationalRoster(options: Self.options) {
            var before = false
            for month in 1...12 {
                let now = person.isDeceased(inMonth: month)
                #expect(!(before && !now), "person \(person.index) revived in month \(month)")
                before = now
                if now { counts[month] += 1 }
            }
        }
        let n = Double(Self.options.people)
        // Month 1: pending deaths (1 %) plus one month of deaths; each later month ≈ 0.25 % more.
        let first = Double(counts[1]) / n
        #expect(first > 0.011 && first < 0.015, "month 1: \(first)")
        for month in 2...12 {
            let added = Double(counts[month] - counts[month - 1]) / n
            #expect(added > 0.0017 && added < 0.0037, "month \(month) adds \(added)")
        }
    }

    @Test("a death is dated in the month before the extract that first lists it, or earlier for pending ones")
    func dates() {
        for person in NationalRoster(options: NationalRosterOptions(people: 30_000, seed: 4)) {
            guard let death = person.death else { continue }
            let listed = Self.options.period(month: death.firstListedMonth)
            let deathMonths = death.date.year * 12 + death.date.month! - 1
            let listedMonths = listed.year * 12 + listed.month - 1
            #expect(deathMonths < listedMonths)
            if death.firstListedMonth > 1 { #expect(deathMonths == listedMonths - 1) }
            #expect(death.date.year >= person.birthDate.year)
        }
    }
}
