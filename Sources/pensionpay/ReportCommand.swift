import ArgumentParser
import Foundation
import PensionDomain
import PensionStore

/// `pensionpay report`: progress per province and in total.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Beneficiaries per province by latest verification outcome and payment method.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var global: GlobalOptions
    @Option(help: "table, csv or json.") var format: Format = .table

    func run() async throws {
        _ = global.makeLogger("pensionpay.report")
        guard FileManager.default.fileExists(atPath: global.databasePath) else {
            throw Console.fail("no database at \(global.databasePath) (give --db or PENSIONPAY_DB)")
        }
        let report = try await PensionDatabase(path: global.databasePath).provinceReport()
        switch format {
        case .json: print(try JSONCoding.string(report))
        case .csv: print(ReportRendering.csv(report), terminator: "")
        case .table: print(ReportRendering.table(report), terminator: "")
        }
    }
}

/// Text renderings of a progress report.
enum ReportRendering {
    static var columns: [(String, KeyPath<ReportCounts, Int>)] { [
        ("beneficiaries", \.beneficiaries), ("verified", \.verified), ("mismatch", \.mismatch), ("not_found", \.notFound),
        ("deceased", \.deceased), ("invalid", \.invalid), ("unverified", \.unverified), ("on_hold", \.onHold),
        ("paid_by_bank", \.paidByBank), ("paid_in_cash", \.paidInCash), ("registered", \.registered),
    ] }

    static func csv(_ report: ProgressReport) -> String {
        var out = (["province_code", "province_name"] + columns.map(\.0)).joined(separator: ",") + "\n"
        for province in report.provinces {
            out += ([province.provinceCode, name(province.provinceCode)] + columns.map { String(province.counts[keyPath: $0.1]) }).joined(separator: ",") + "\n"
        }
        out += (["total", ""] + columns.map { String(report.totals[keyPath: $0.1]) }).joined(separator: ",") + "\n"
        return out
    }

    static func table(_ report: ProgressReport) -> String {
        let headers = ["province"] + columns.map(\.0) + ["cashless"]
        var rows: [[String]] = report.provinces.map { province in
            ["\(province.provinceCode) \(name(province.provinceCode))"] + columns.map { String(province.counts[keyPath: $0.1]) } + [share(province.counts)]
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
