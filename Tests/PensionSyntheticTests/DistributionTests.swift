import PensionDomain
import PensionSynthetic
import Testing

@Suite("Synthetic roster distributions (FACTS §9)")
struct DistributionTests {
    @Test("the 34 profiles are the 34 current provinces, 3.4 M people and 3,321 communes in all")
    func profilesMatchTheDomain() {
        #expect(ProvinceProfile.all.map(\.code) == AdministrativeUnits.provinces.map(\.code))
        #expect(ProvinceProfile.all.reduce(0) { $0 + $1.thousands } == 3_400)
        #expect(ProvinceProfile.all.reduce(0) { $0 + $1.communeCount } == 3_321)
        let codes = ProvinceProfile.all.flatMap { p in (0..<p.communeCount).map { p.communeCode($0) } }
        #expect(Set(codes).count == 3_321)
        #expect(codes.allSatisfy { $0.utf8.count == 5 })
    }

    @Test("province weights: Hà Nội ≈ 600k, HCMC ≈ 340k, Bắc Ninh ≈ 100k of 3.4 M")
    func provinceWeights() {
        let sample = NationalSample.shared
        let n = Double(NationalSample.people)
        for profile in ProvinceProfile.all {
            let expected = Double(profile.thousands) / 3_400
            let actual = Double(sample.byProvince[profile.code]?.people ?? 0) / n
            // Binomial standard error at 200k is ≤ 0.09 pp; allow five of them plus 5 % of the share.
            #expect(abs(actual - expected) < 0.0045 + expected * 0.05, "province \(profile.code): \(actual) vs \(expected)")
        }
        #expect(abs(Double(sample.byProvince["01"]!.people) / n - 600.0 / 3400) < 0.005)
    }

    @Test("cashless share per province from ~55 % to 99.5 %, ~81 % overall")
    func cashlessShares() {
        let sample = NationalSample.shared
        for profile in ProvinceProfile.all {
            let counts = sample.byProvince[profile.code]!
            let share = Double(counts.bank) / Double(counts.people)
            // The age skew caps the cash chance at 1 for the oldest, which lifts small shares a little.
            let tolerance = counts.people > 5_000 ? 0.03 : 0.06
            #expect(abs(share - profile.cashlessShare) < tolerance, "province \(profile.code): \(share) vs \(profile.cashlessShare)")
        }
        let overall = Double(sample.bank) / Double(NationalSample.people)
        #expect(overall > 0.80 && overall < 0.85, "overall cashless \(overall)")
        let hanoi = sample.byProvince["01"]!
        #expect(Double(hanoi.bank) / Double(hanoi.people) > 0.99)
    }

    @Test("cash skews to the oldest")
    func cashSkewsOld() {
        let sample = NationalSample.shared
        func cashShare(_ label: String) -> Double {
            let c = sample.cashByAge[label]!
            return Double(c.cash) / Double(c.people)
        }
        #expect(cashShare("85-99") > 1.5 * cashShare("60-84"), "85-99: \(cashShare("85-99")), 60-84: \(cashShare("60-84"))")
    }

    @Test("ages: mass at 60–84, a tail past 100, young survivors; phones for ~70 %")
    func ages() {
        let sample = NationalSample.shared
        let n = Double(NationalSample.people)
        func share(_ label: String) -> Double { Double(sample.ageBuckets[label] ?? 0) / n }
        #expect(share("60-84") > 0.70 && share("60-84") < 0.82, "60-84: \(share("60-84"))")
        #expect(share("minor") > 0.015 && share("minor") < 0.035, "minors: \(share("minor"))")
        #expect(share("85-99") > 0.09 && share("85-99") < 0.15, "85-99: \(share("85-99"))")
        #expect(share("100+") > 0.0005 && share("100+") < 0.006, "100+: \(share("100+"))")
        let phones = Double(sample.phones) / n
        #expect(phones > 0.68 && phones < 0.72, "phones: \(phones)")
    }
}
