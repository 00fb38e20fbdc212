import ArgumentParser
import Foundation
import PensionDomain
import PensionStore

/// `pensionpay report`: progress per province (and commune) and in total, for the centre.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Beneficiaries per province (and commune) by verification outcome, holds and payment method.",
        discussion: "Give --db several times to merge node databases (one per province shard) into one national view.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }
    enum Grouping: String, ExpressibleByArgument, CaseIterable { case province, commune }

    @OptionGroup var global: GlobalOptions
    @Option(help: "table, csv or json.") var format: Format = .table
    @Option(help: "province or commune.") var by: Grouping = .province
    @Option(help: "Outcomes of this period's review (YYYY-MM) instead of each beneficiary's latest.") var period: String?

    func run() async throws {
        _ = global.makeLogger("pensionpay.report")
        if let period { do { _ = try Period.parse(period) } catch { throw ValidationError("\(error)") } }
        let report = try await ReportLoader.load(global.databasePaths, period: period, byCommune: by == .commune, foldPending: true)
        switch format {
        case .json: print(try JSONCoding.string(report))
        case .csv: print(ReportRendering.csv(report), terminator: "")
        case .table: print(ReportRendering.table(report), terminator: "")
        }
    }
}

/// Opens each node database (refusing missing files rather than creating empty ones) and merges.
/// With `foldPending` (the `report` command) each node's unfolded outcomes are folded first, so the
/// report counts every recorded outcome; `serve` only reads, and shows the state of the last fold
/// (its workers fold within a second).
enum ReportLoader {
    static func load(_ paths: [String], period: String?, byCommune: Bool, foldPending: Bool = false) async throws -> ProgressReport {
        var reports: [ProgressReport] = []
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else {
                throw Console.fail("no database at \(path) (give --db or PENSIONPAY_DB)")
            }
            let store = try PensionDatabase(path: path)
            if foldPending {
                // Best effort: a report of the last fold's state beats no report (e.g. a file locked
                // for longer than the busy timeout); say so.
                do {
                    try await store.foldAllOutcomes(at: Date())
                } catch {
                    Console.error("warning: could not fold the outcomes recorded since the last fold in \(path) (\(error)); "
                                  + "the report shows the beneficiaries' state as of that fold")
                }
            }
            reports.append(try await store.progressReport(period: period, byCommune: byCommune))
        }
        return reports.count == 1 ? reports[0] : ProgressReport.merged(reports)
    }
}

/// Text renderings of a progress report.
enum ReportRendering {
    static var columns: [(String, KeyPath<ReportCounts, Int>)] { [
        ("beneficiaries", \.beneficiaries), ("verified", \.verified), ("mismatch", \.mismatch), ("not_found", \.notFound),
        ("deceased", \.deceased), ("invalid", \.invalid), ("unverified", \.unverified), ("on_hold", \.onHold),
        ("paid_by_bank", \.paidByBank), ("paid_in_cash", \.paidInCash), ("notices_sent", \.noticesSent), ("registered", \.registered),
    ] }

    static func csv(_ report: ProgressReport) -> String {
        var out = (["province_code", "province_name", "commune_code"] + columns.map(\.0)).joined(separator: ",") + "\n"
        func line(_ cells: [String], _ counts: ReportCounts) -> String {
            (cells + columns.map { String(counts[keyPath: $0.1]) }).joined(separator: ",") + "\n"
        }
        for province in report.provinces {
            if let communes = province.communes {
                for commune in communes { out += line([province.provinceCode, name(province.provinceCode), commune.communeCode ?? ""], commune.counts) }
            } else {
                out += line([province.provinceCode, name(province.provinceCode), ""], province.counts)
            }
        }
        out += line(["total", "", ""], report.totals)
        return out
    }

    static func table(_ report: ProgressReport) -> String {
        let headers = ["province"] + columns.map(\.0) + ["cashless"]
        var rows: [[String]] = []
        for province in report.provinces {
            rows.append(["\(province.provinceCode) \(name(province.provinceCode))"] + columns.map { String(province.counts[keyPath: $0.1]) } + [share(province.counts)])
            for commune in province.communes ?? [] {
                rows.append(["  xã \(commune.communeCode ?? "?")"] + columns.map { String(commune.counts[keyPath: $0.1]) } + [share(commune.counts)])
            }
        }
        rows.append(["TOTAL"] + columns.map { String(report.totals[keyPath: $0.1]) } + [share(report.totals)])
        let widths = headers.indices.map { i in max(headers[i].count, rows.map { $0[i].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ") + "\n"
        }
        var out = line(headers)
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows.dropLast() { out += line(row) }
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        out += line(rows[rows.count - 1])
        let channels = report.noticesByChannel ?? [:], decisions = report.registrationDecisions ?? [:]
        if !channels.isEmpty || !decisions.isEmpty { out += "\n" }
        if !channels.isEmpty {
            out += "notices sent by channel: " + channels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        if !decisions.isEmpty {
            out += "registration decisions: " + decisions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    private static func name(_ code: String) -> String {
        AdministrativeUnits.province(forCode: code)?.name ?? "?"
    }

    private static func share(_ counts: ReportCounts) -> String {
        let paid = counts.paidByBank + counts.paidInCash
        guard paid > 0 else { return "-" }
        return String(format: "%.1f%%", Double(counts.paidByBank) * 100 / Double(paid))
    }
}
