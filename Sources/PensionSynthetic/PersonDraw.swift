import Foundation
import PensionDomain

/// Draws one synthetic person from their own random stream.
///
/// The order of the draws is fixed and does not depend on the month asked for later, so the
/// roster and every monthly registry extract describe the same people.
struct PersonDraw {
    let options: NationalRosterOptions
    let index: Int

    /// How many times to draw another birth-place prefix when an ID bucket is full.
    static let prefixAttempts = 64

    func make(using rng: inout SplitMix64, allocator: inout NationalIDAllocator) -> SyntheticPerson {
        let band = AgeBand.table.pick(using: &rng)
        let age = rng.int(in: band.ages)
        let sex: Sex = rng.chance(band.maleShare) ? .male : .female
        let birthDate = PartialDate(year: options.firstPeriod.year - age, month: rng.int(in: 1...12), day: rng.int(in: 1...28))!
        let nationalID = Self.allocateID(birthYear: birthDate.year, male: sex == .male, using: &rng, allocator: &allocator)
        let fullName = VietnameseNames.fullName(sex: sex, using: &rng)

        let province = ProvinceProfile.table.pick(using: &rng)
        // Urban wards (the first communes of a province here) hold more beneficiaries than remote communes.
        let commune = province.communeCode(Int(Double(province.communeCount) * pow(rng.unit(), 1.6)))
        let cashChance = min(1, (1 - province.cashlessShare) * band.cashFactor)
        let paymentMethod: PaymentMethod = rng.chance(cashChance) ? .cash : .bank
        let bank = PayingBank.table.pick(using: &rng)
        let account = rng.digits(bank.accountLength)
        let phone = rng.chance(options.phoneShare) ? rng.pick(Self.mobilePrefixes) + rng.digits(7) : nil
        let legacyBHXH = rng.chance(options.legacyBHXHShare) ? province.code + rng.digits(8) : nil

        let roster = RosterDraw(person: self, paymentMethod: paymentMethod)
        let fault = roster.drawFault(using: &rng)
        let accountWarning = fault == nil ? roster.drawAccountWarning(using: &rng) : nil
        let written = roster.written(nationalID: nationalID, birthDate: birthDate, sex: sex, province: province.code,
                                     phone: phone, fault: fault, using: &rng)
        let registry = RegistryDraw(options: options)
        let registryView = registry.view(fullName: fullName, sex: sex, birthDate: birthDate, using: &rng)
        let death = registry.death(band: band, using: &rng)

        let isBank = paymentMethod == .bank
        return SyntheticPerson(
            index: index, nationalID: nationalID, fullName: fullName, sex: sex, birthDate: birthDate,
            provinceCode: province.code, communeCode: commune, phone: phone, paymentMethod: paymentMethod,
            bankBIN: isBank ? (fault == .unknownBIN ? PayingBank.cardBINNotInDirectory : bank.bin) : nil,
            bankAccount: isBank ? RosterDraw.account(account, bank: bank, fault: fault, warning: accountWarning, using: &rng) : nil,
            legacyBHXHCode: legacyBHXH, written: written, rosterFault: fault, accountWarning: accountWarning,
            registry: registryView, death: death)
    }

    /// Mobile prefixes of Viettel, VinaPhone and MobiFone (10-digit numbering since 2018).
    static let mobilePrefixes = [
        "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
        "081", "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078", "079", "089", "090", "093",
    ]

    private static func allocateID(birthYear: Int, male: Bool, using rng: inout SplitMix64, allocator: inout NationalIDAllocator) -> String {
        for _ in 0..<prefixAttempts {
            let prefix = BirthPlaceCodes.table.pick(using: &rng)
            if let id = allocator.next(prefix: prefix, birthYear: birthYear, male: male) { return id }
        }
        preconditionFailure("every ID bucket tried for this birth year and sex is full")
    }
}
