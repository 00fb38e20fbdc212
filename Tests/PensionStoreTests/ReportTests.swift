import Foundation
import Testing
@testable import PensionStore

@Suite struct ReportTests {
    @Test func countsPerProvinceAndInTotal() throws {
        let dir = try TemporaryDirectory()
        let db = try PensionDatabase(path: dir.path("node.sqlite"))
        _ = try db.upsertBeneficiaries([
            Fixtures.beneficiary(1, province: "01"),
            Fixtures.beneficiary(2, province: "01", payment: .bank),
            Fixtures.beneficiary(3, province: "79"),
            Fixtures.beneficiary(4, province: "79", payment: .bank),
            Fixtures.beneficiary(5, province: "79"),
            Fixtures.beneficiary(6, province: "79"),
            Fixtures.beneficiary(7, province: "79"),
        ], at: Fixtures.now)
        _ = try db.recordVerifications([
            Fixtures.outcome("a", 1, "verified"),
            Fixtures.outcome("b", 3, "mismatch", fields: ["sex"]),
            Fixtures.outcome("c", 4, "not_found"),
            Fixtures.outcome("d", 5, "deceased"),
            Fixtures.outcome("e", 6, "invalid"),
            Fixtures.outcome("f", 6, "verified", period: "2026-02"), // counted once, by its latest outcome
        ], at: Fixtures.now)

        let report = try db.progressReport()
        #expect(report.provinces.map(\.provinceCode) == ["01", "79"])
        #expect(report.provinces[0].counts == ReportCounts(
            beneficiaries: 2, verified: 1, unverified: 1, paidByBank: 1, paidInCash: 1))
        #expect(report.provinces[1].counts == ReportCounts(
            beneficiaries: 5, verified: 1, mismatch: 1, notFound: 1, deceased: 1, invalid: 0, unverified: 1,
            onHold: 2, paidByBank: 1, paidInCash: 4))
        #expect(report.totals == ReportCounts(
            beneficiaries: 7, verified: 2, mismatch: 1, notFound: 1, deceased: 1, invalid: 0, unverified: 2,
            onHold: 2, paidByBank: 2, paidInCash: 5))
    }

    @Test func emptyDatabaseGivesZeroTotals() throws {
        let dir = try TemporaryDirectory()
        let report = try PensionDatabase(path: dir.path("node.sqlite")).progressReport()
        #expect(report == ProgressReport(totals: ReportCounts(), provinces: [], noticesByChannel: [:], registrationDecisions: [:]))
    }

    @Test func jsonUsesSnakeCaseKeysAndFlatProvinces() throws {
        let counts = ReportCounts(
            beneficiaries: 1, verified: 2, mismatch: 3, notFound: 4, deceased: 5, invalid: 6, unverified: 7,
            onHold: 8, paidByBank: 9, paidInCash: 10)
        let report = ProgressReport(totals: counts, provinces: [ProvinceCounts(provinceCode: "79", counts: counts)])
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let keys = ["beneficiaries", "verified", "mismatch", "not_found", "deceased", "invalid", "unverified",
                    "on_hold", "paid_by_bank", "paid_in_cash", "registered", "notices_sent"]
        let totals = try #require(object["totals"] as? [String: Int])
        #expect(Set(totals.keys) == Set(keys))
        #expect(totals["paid_in_cash"] == 10)
        let province = try #require((object["provinces"] as? [[String: Any]])?.first)
        #expect(Set(province.keys) == Set(keys + ["province_code"]))
        #expect(province["province_code"] as? String == "79")
        #expect(try JSONDecoder().decode(ProgressReport.self, from: data) == report)
    }
}
