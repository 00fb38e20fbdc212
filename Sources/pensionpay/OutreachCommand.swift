import AMQP
import ArgumentParser
import Foundation
import PensionStore
import PensionWorkers

/// `pensionpay outreach plan|visits`: the bank-account campaign's producer and the home-visit lists.
struct OutreachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outreach", abstract: "Plan outreach notices and print home-visit lists.", subcommands: [Plan.self, Visits.self])

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish an outreach task for every verified, cash-paid, active beneficiary (idempotent per period).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOption
        @OptionGroup var topologyOptions: TopologyOptions
        @Option(help: "Print the summary as json or text.") var format: OutputFormat = .text

        func run() async throws {
            let logger = global.makeLogger("pensionpay.outreach.plan")
            let store = try PensionDatabase(path: global.databasePath)
            let connection = try await AMQPConnection.connect(try global.resolvedAMQPURL(), name: "pensionpay outreach plan", logger: logger)
            try await connection.enablePublisherConfirms()
            let summary = try await OutreachPlan(store: store, connection: connection, topology: try topologyOptions.topology(),
                                                 period: try period.resolved()).run()
            await connection.close()
            switch format {
            case .json: print(try JSONCoding.string(summary))
            case .text:
                print("\(summary.targets) verified cash-paid beneficiaries: \(summary.published) outreach tasks published, "
                      + "\(summary.alreadyDone) already done this period")
            }
        }
    }

    struct Visits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the home-visit list of a province (or one commune) as CSV or printable HTML, sorted by commune and address.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, html }

        @OptionGroup var global: GlobalOptions
        @Option(help: "Two-digit province code.") var province: String
        @Option(help: "Five-digit commune code.") var commune: String?
        @Option(help: "Only visits listed by this period's tasks (YYYY-MM).") var period: String?
        @Option(help: "csv or html.") var format: Format = .html
        @Option(help: "Output file (created with mode 0600: it holds names and addresses).") var out: String

        func run() async throws {
            let store = try PensionDatabase(path: global.databasePath)
            let entries = try store.homeVisits(provinceCode: province, communeCode: commune, period: period)
            let text = switch format {
            case .csv: HomeVisitListWriter.csv(entries)
            case .html: HomeVisitListWriter.html(entries, provinceCode: province, generatedAt: Date())
            }
            guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ValidationError("cannot write \(out)")
            }
            print("\(entries.count) home visits written to \(out)")
        }
    }
}
