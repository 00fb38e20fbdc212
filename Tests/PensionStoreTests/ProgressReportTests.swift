import Foundation
import GRDB
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

    /// The period forms read the latest outcome where it is the period's own, look older periods up
    /// in `verifications`, and count a period nobody was reviewed in as unverified.
    @Test func periodFormsAgreeWithTheOutcomesRecorded() throws {
        let db = try database("periods")
        _ = try db.upsertBeneficiaries((1...4).map { Fixtures.beneficiary($0, province: "01") }, at: Fixtures.now)
        _ = try db.recordVerifications([
            Fixtures.outcome("a-1", 1, "verified", period: "2026-01"),
            Fixtures.outcome("a-2", 2, "not_found", period: "2026-01"),
            Fixtures.outcome("b-1", 1, "mismatch", period: "2026-02", fields: ["sex"]),
        ], at: Fixtures.now)
        // A second task for the same person and period (another producer's id): the later one counts.
        _ = try db.recordVerifications([Fixtures.outcome("a-2-again", 2, "verified", period: "2026-01")], at: Fixtures.now.addingTimeInterval(60))

        let january = try db.progressReport(period: "2026-01")
        #expect(january.totals == ReportCounts(beneficiaries: 4, verified: 2, unverified: 2, onHold: 1, paidInCash: 4))
        let february = try db.progressReport(period: "2026-02")
        #expect(february.totals == ReportCounts(beneficiaries: 4, mismatch: 1, unverified: 3, onHold: 1, paidInCash: 4))
        let march = try db.progressReport(period: "2026-03")
        #expect(march.totals == ReportCounts(beneficiaries: 4, unverified: 4, onHold: 1, paidInCash: 4))
        let latest = try db.progressReport()
        #expect(latest.totals == ReportCounts(beneficiaries: 4, verified: 1, mismatch: 1, unverified: 2, onHold: 1, paidInCash: 4))
    }

    /// A beneficiary with no commune on record still counts, on a line of its own.
    @Test func beneficiariesWithoutACommuneHaveTheirOwnLine() throws {
        let db = try database("no-commune")
        _ = try db.upsertBeneficiaries([
            person("001150000001", province: "01", commune: nil, bank: true),
            person("001150000002", province: "01", commune: "00004", bank: false),
        ], at: Date())
        let report = try db.progressReport(byCommune: true)
        #expect(report.provinces.first?.communes?.map(\.communeCode) == [nil, "00004"])
        #expect(report.totals.beneficiaries == 2 && report.provinces.first?.counts.paidByBank == 1)
    }

    /// The report's main pass streams the covering index in its own order: no table access and
    /// no sort, which is what keeps it under two seconds at national size.
    @Test func mainPassIsOneOrderedScanOfTheCoveringIndex() throws {
        let db = try database("plan")
        let plan = try db.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + PensionDatabase.progressStatesSQL).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("COVERING INDEX beneficiaries_progress") })
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
    }
}
