import PensionDomain
import PensionSynthetic
import Testing

@Suite("Synthetic ID numbers")
struct NationalIDTests {
    @Test("200,000 IDs are unique, 12 digits, and agree with prefix, sex and birth year")
    func uniqueAndWellFormed() {
        let sample = NationalSample.shared
        #expect(sample.ids.count == NationalSample.people)
        #expect(sample.badIDs.isEmpty, "first bad IDs: \(sample.badIDs.prefix(3).map { String($0.prefix(6)) })")
    }

    @Test("survivor minors carry the 2000s century digit (2 male, 3 female)")
    func minorsUseCentury2000() {
        let sample = NationalSample.shared
        #expect(sample.minors > 0)
        #expect(sample.minorsWithCentury2000 == sample.minors)
    }

    @Test("the birth-place prefix is drawn independently of the paying province, with a few foreign births")
    func prefixIndependentOfProvince() {
        let sample = NationalSample.shared
        let same = Double(sample.sameBirthPlaceAsProvince) / Double(NationalSample.people)
        // Independent draws: Σ share(province) × share(prefixes of that province) ≈ 8 %; a prefix
        // copied from the province would give ~100 %.
        #expect(same > 0.03 && same < 0.2, "share born where paid: \(same)")
        let foreign = Double(sample.foreignPrefixes) / Double(NationalSample.people)
        #expect(foreign > 0.002 && foreign < 0.007, "foreign share: \(foreign)")
    }

    @Test("a full bucket returns nil and the generator's IDs stay unique")
    func fullBucket() {
        var allocator = NationalIDAllocator(prefixes: ["001", "079"], seed: 1, bucketCapacity: 100)
        var seen = Set<String>()
        for _ in 0..<100 {
            let id = allocator.next(prefix: "001", birthYear: 1950, male: true)
            #expect(id != nil && seen.insert(id!).inserted)
        }
        #expect(allocator.next(prefix: "001", birthYear: 1950, male: true) == nil)
        // Other buckets are unaffected: another prefix, another sex, another year.
        #expect(allocator.next(prefix: "079", birthYear: 1950, male: true) != nil)
        #expect(allocator.next(prefix: "001", birthYear: 1950, male: false)?.dropFirst(3).first == "1")
        #expect(allocator.next(prefix: "001", birthYear: 2012, male: false)?.dropFirst(3).prefix(3) == "312")
    }

    @Test("century digits follow FACTS §2a")
    func centuryDigits() {
        #expect(NationalIDAllocator.centuryDigit(birthYear: 1921, male: true) == 0)
        #expect(NationalIDAllocator.centuryDigit(birthYear: 1999, male: false) == 1)
        #expect(NationalIDAllocator.centuryDigit(birthYear: 2000, male: true) == 2)
        #expect(NationalIDAllocator.centuryDigit(birthYear: 2023, male: false) == 3)
    }
}
