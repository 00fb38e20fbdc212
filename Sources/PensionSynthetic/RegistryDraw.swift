import PensionDomain

/// The registry side of a person: whether the registry knows them, how it writes them, and when it
/// starts to list them as dead.
struct RegistryDraw {
    let options: NationalRosterOptions

    /// Deaths are listed at most this many months ahead; later ones count as "not within the horizon".
    static let horizonMonths = 1_200

    /// The registry's record, or nil for someone the registry does not know. The same draws are made
    /// in every case, so later draws never shift.
    func view(fullName: String, sex: Sex, birthDate: PartialDate, using rng: inout SplitMix64) -> RegistryView? {
        let missing = rng.chance(options.missingFromRegistryRate)
        let noiseRoll = rng.unit()
        let noiseKind = rng.pick(RegistryNameNoise.allCases)
        let mismatchRoll = rng.unit()
        let otherName = VietnameseNames.otherGivenName(than: fullName, sex: sex, using: &rng)
        let yearShift = rng.chance(0.5) ? 1 : -1
        guard !missing else { return nil }

        if mismatchRoll < options.birthDateMismatchRate {
            let shifted = PartialDate(year: birthDate.year + yearShift, month: birthDate.month, day: birthDate.day)!
            return RegistryView(fullName: fullName, dateOfBirth: shifted, nameNoise: nil, mismatch: .dateOfBirth)
        }
        if mismatchRoll < options.birthDateMismatchRate + options.nameMismatchRate {
            return RegistryView(fullName: otherName, dateOfBirth: birthDate, nameNoise: nil, mismatch: .name)
        }
        // Noise that cannot change this name (no Đ, no movable tone) falls back to NFD.
        if noiseRoll < options.nameNoiseRate {
            let kind = noiseKind.apply(to: fullName) == nil ? RegistryNameNoise.nfd : noiseKind
            return RegistryView(fullName: kind.apply(to: fullName)!, dateOfBirth: birthDate, nameNoise: kind, mismatch: nil)
        }
        return RegistryView(fullName: fullName, dateOfBirth: birthDate, nameNoise: nil, mismatch: nil)
    }

    /// When the registry first lists the person as dead, and the date of death.
    ///
    /// A uniform draw is cut into a slice of deaths pending before month 1 and then one slice per
    /// month of the age-scaled monthly rate; the registry lists a death in the month after it.
    func death(band: AgeBand, using rng: inout SplitMix64) -> SyntheticDeath? {
        let roll = rng.unit()
        let monthsBack = rng.int(in: 1...12)
        let day = rng.int(in: 1...28)
        let monthly = options.monthlyDeathRate * band.mortalityFactor
        let month: Int
        let offset: Int   // months from the first period to the month of death
        if roll < options.pendingDeathRate {
            month = 1
            offset = -monthsBack
        } else {
            let slice = Int((roll - options.pendingDeathRate) / monthly)
            guard slice < Self.horizonMonths else { return nil }
            month = slice + 1
            offset = slice - 1
        }
        let total = options.firstPeriod.year * 12 + (options.firstPeriod.month - 1) + offset
        return SyntheticDeath(firstListedMonth: month, date: PartialDate(year: total / 12, month: total % 12 + 1, day: day)!)
    }
}
