import ArgumentParser
import Foundation
import PensionDomain
import PensionStore

extension BenchCommand {
    /// `pensionpay bench report`: the progress report over a national-size database, in each form
    /// the centre asks for. No broker: the report reads SQLite only.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seed N beneficiaries with two months of outcomes (or reuse --db), then time the report by province, by commune and per period.")

        @Option(help: "How many beneficiaries to seed.") var people = 3_400_000
        @Option(help: "Keep the seeded database at this path and reuse it if it is already there (seeding 3.4 million takes minutes).")
        var db: String?
        @Option(help: "Time each form of the report this many times (the figure printed is the best and the worst).") var repeats = 3

        /// Two review periods: everyone has an outcome for the first, 90 % for the second.
        static let periods = ("2026-10", "2026-11")

        func run() async throws {
            let directory = try BenchSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = db ?? directory.appendingPathComponent("node.sqlite").path
            let reuse = FileManager.default.fileExists(atPath: path)
            let store = try PensionDatabase(path: path)
            if reuse {
                print("bench report: reusing \(path)")
            } else {
                let started = ContinuousClock.now
                try await Self.seed(store, people: people)
                print("bench report: seeded \(people) beneficiaries with outcomes for \(Self.periods.0) and \(Self.periods.1) in \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s")
            }
            let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576
            let forms: [(String, String?, Bool)] = [
                ("report (by province, latest outcome)", nil, false),
                ("report --by commune", nil, true),
                ("report --period \(Self.periods.1) (the latest review)", Self.periods.1, false),
                ("report --period \(Self.periods.0) (an older review)", Self.periods.0, false),
            ]
            var lines: [String] = []
            var total = 0
            for (name, period, byCommune) in forms {
                var times: [Double] = []
                for _ in 0..<max(1, repeats) {
                    let started = ContinuousClock.now
                    let report = try await store.progressReport(period: period, byCommune: byCommune)
                    times.append((ContinuousClock.now - started).seconds)
                    total = report.totals.beneficiaries
                }
                lines.append("  \(name): \(String(format: "%.2f", times.min()!))–\(String(format: "%.2f", times.max()!)) s")
            }
            print("bench report: \(total) beneficiaries, database \(size) MiB, \(max(1, repeats)) runs each (warm page cache)")
            print(lines.joined(separator: "\n"))
        }

        /// 34 provinces of very different size, ~100 communes each, 20 % paid in cash; outcomes
        /// in the mix of a real month (≈ 95 % verified), recorded through the workers' own path.
        static func seed(_ store: PensionDatabase, people: Int) async throws {
            let provinces = AdministrativeUnits.provinces.map(\.code)
            var generator = SystemRandomNumberGenerator()
            var rows: [BeneficiaryUpsert] = [], outcomes: [VerificationOutcomeRecord] = []
            rows.reserveCapacity(10_000)
            for i in 0..<people {
                let digits = String(i)
                let id = "0" + String(10 + i % 80) + "1" + String(repeating: "0", count: 8 - digits.count) + digits
                // Squaring skews the sizes: a few provinces hold most people, as Hà Nội and HCMC do.
                let draw = Double.random(in: 0..<1, using: &generator)
                let province = provinces[Int(draw * draw * Double(provinces.count))]
                let commune = String(format: "%05d", (Int(province)! * 300 + Int.random(in: 0..<100, using: &generator)) % 100_000)
                let cash = i % 5 == 0
                rows.append(BeneficiaryUpsert(nationalID: id, fullName: "Nguyễn Văn Hùng", dateOfBirth: "1950-03-07", sex: "M",
                                              provinceCode: province, communeCode: commune, paymentMethod: cash ? .cash : .bank,
                                              bankBIN: cash ? nil : "970436", bankAccount: cash ? nil : "0011000" + digits))
                for (period, share) in [(periods.0, 1.0), (periods.1, 0.9)] where Double.random(in: 0..<1, using: &generator) < share {
                    let roll = Int.random(in: 0..<1000, using: &generator)
                    let outcome = roll < 950 ? "verified" : roll < 970 ? "mismatch" : roll < 990 ? "not_found" : "deceased"
                    outcomes.append(VerificationOutcomeRecord(taskID: "bench-\(period)-\(digits)", nationalID: id, period: period, outcome: outcome,
                                                              mismatchFields: outcome == "mismatch" ? ["date_of_birth"] : []))
                }
                if rows.count == 10_000 || i == people - 1 {
                    _ = try await store.upsertBeneficiaries(rows, at: Date())
                    // Oldest period first, as the months happened.
                    _ = try await store.recordVerifications(outcomes.filter { $0.period == periods.0 }, at: Date())
                    _ = try await store.recordVerifications(outcomes.filter { $0.period == periods.1 }, at: Date())
                    rows.removeAll(keepingCapacity: true)
                    outcomes.removeAll(keepingCapacity: true)
                }
            }
        }
    }
}
