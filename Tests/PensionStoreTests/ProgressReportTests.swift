import Foundation
import PensionDomain
import Testing
@testable import PensionStore

@Suite struct ProgressReportTests {
    func database(_ name: String) throws -> PensionDatabase {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try PensionDatabase(path: directory.appendingPathComponent("node.sqlite").path)
    }

    func person(_ id: String, province: String, commune: String?, bank: Bool) -> BeneficiaryUpsert {
        BeneficiaryUpsert(nationalID: id, fullName: "Nguyễn Văn An", dateOfBirth: "1950", provinceCode: province, communeCode: commune,
                          paymentMethod: bank ? .bank : .cash, bankBIN: bank ? "970436" : nil, bankAccount: bank ? "0011000123456" : nil)
    }

    @Test func byCommuneForAPeriodAndMergedAcrossNodes() throws {
        let north = try database("north")
        _ = try north.upsertBeneficiaries([
            person("001150000001", province: "01", commune: "00004", bank: true),
            person("001150000002", province: "01", commune: "00004", bank: false),
            person("001150000003", province: "01", commune: "00007", bank: true),
        ], at: Date())
        _ = try north.recordVerifications([
            VerificationOutcomeRecord(taskID: "t-1", nationalID: "001150000001", period: "2026-10", outcome: "verified"),
            VerificationOutcomeRecord(taskID: "t-2", nationalID: "001150000001", period: "2026-11", outcome: "mismatch", mismatchFields: ["date_of_birth"]),
            VerificationOutcomeRecord(taskID: "t-3", nationalID: "001150000002", period: "2026-11", outcome: "verified"),
        ], at: Date())
        let south = try database("south")
        _ = try south.upsertBeneficiaries([person("079150000004", province: "79", commune: "26734", bank: false),
                                           person("001150000005", province: "01", commune: "00004", bank: true)], at: Date())

        let october = try north.progressReport(period: "2026-10", byCommune: true)
        #expect(october.totals.verified == 1 && october.totals.mismatch == 0 && october.totals.unverified == 2)
        let november = try north.progressReport(period: "2026-11", byCommune: true)
        #expect(november.totals.verified == 1 && november.totals.mismatch == 1 && november.totals.unverified == 1)
        let communes = try #require(november.provinces.first?.communes)
        #expect(communes.map(\.communeCode) == ["00004", "00007"])
        #expect(communes[0].counts.beneficiaries == 2 && communes[0].counts.paidInCash == 1)

        let national = ProgressReport.merged([try north.progressReport(byCommune: true), try south.progressReport(byCommune: true)])
        #expect(national.totals.beneficiaries == 5)
        #expect(national.provinces.map(\.provinceCode) == ["01", "79"])
        #expect(national.provinces[0].counts.beneficiaries == 4)
        #expect(national.provinces[0].communes?.first { $0.communeCode == "00004" }?.counts.beneficiaries == 3)
        #expect(national.totals.onHold == 1)

        let json = String(decoding: try JSONEncoder().encode(national), as: UTF8.self)
        #expect(json.contains(#""commune_code":"00004""#) && json.contains(#""province_code":"79""#) && json.contains(#""paid_in_cash""#))
        #expect(json.contains(#""notices_sent":0"#) && json.contains(#""registered":0"#))
        #expect(national.noticesByChannel == [:] && national.registrationDecisions == [:])
    }
}
