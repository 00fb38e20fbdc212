import AMQP
import ArgumentParser
import Foundation
import PensionDomain
import PensionStore
import PensionWorkers

/// `pensionpay outreach plan|visits|letters|preferences`: the bank-account campaign's producer, the
/// home-visit lists, and the contact-preferences import.
struct OutreachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outreach", abstract: "Plan outreach notices, write home-visit lists, import contact preferences.",
        subcommands: [Plan.self, Visits.self, Preferences.self])

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
            let topology = try topologyOptions.topology()
            let publisher = try await global.producerPublisher(name: "pensionpay outreach plan", publishing: .outreach, topology: topology, logger: logger)
            let summary = try await OutreachPlan(store: store, publisher: publisher, topology: topology,
                                                 period: try period.resolved()).run()
            await publisher.finish()
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
            abstract: "Write home-visit lists, sorted by commune and address: one file (--out), or one CSV and one printable HTML per commune under --output-dir DIR/PERIOD/home-visits/.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, html }

        @OptionGroup var global: GlobalOptions
        @Option(help: "Two-digit province code.") var province: String
        @Option(help: "Five-digit commune code.") var commune: String?
        @Option(help: "Only visits listed by this period's tasks (YYYY-MM); required with --output-dir.") var period: String?
        @Option(help: "csv or html (with --out).") var format: Format = .html
        @Option(help: "Output file (created with mode 0600: it holds names and addresses).") var out: String?
        @Option(help: "Outreach folder (env PENSIONPAY_OUTREACH_DIR): writes PERIOD/home-visits/PROVINCE/COMMUNE.csv and .html.")
        var outputDir: String?

        func validate() throws {
            // The codes become folder names: digits only, so nothing can climb out of the folder.
            guard province.count == 2, province.allSatisfy(\.isASCII), province.allSatisfy(\.isNumber) else {
                throw ValidationError("--province must be a two-digit province code")
            }
            if let commune, commune.count != 5 || !commune.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw ValidationError("--commune must be a five-digit commune code")
            }
            if let period, (try? Period.parse(period)) == nil { throw ValidationError("--period must be YYYY-MM") }
            let folder = outputDir ?? ProcessInfo.processInfo.environment["PENSIONPAY_OUTREACH_DIR"]
            if out == nil, folder == nil { throw ValidationError("give --out FILE or --output-dir DIR") }
            if out == nil, period == nil { throw ValidationError("--output-dir needs --period: the lists are filed by period") }
        }

        func run() async throws {
            let store = try PensionDatabase(path: global.databasePath)
            let entries = try store.homeVisits(provinceCode: province, communeCode: commune, period: period)
            if let out {
                let text = switch format {
                case .csv: HomeVisitListWriter.csv(entries)
                case .html: HomeVisitListWriter.html(entries, provinceCode: province, generatedAt: Date())
                }
                guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw ValidationError("cannot write \(out)")
                }
                print("\(entries.count) home visits written to \(out)")
                return
            }
            guard let root = outputDir ?? ProcessInfo.processInfo.environment["PENSIONPAY_OUTREACH_DIR"], let period else { return }
            let folder = OutreachFolder(root: URL(fileURLWithPath: root))
            let communes = Dictionary(grouping: entries) { $0.communeCode }
            for (code, rows) in communes.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) {
                try folder.write(HomeVisitListWriter.csv(rows), to: folder.homeVisitURL(period: period, provinceCode: province, communeCode: code, ext: "csv"))
                try folder.write(HomeVisitListWriter.html(rows, provinceCode: province, generatedAt: Date()),
                                 to: folder.homeVisitURL(period: period, provinceCode: province, communeCode: code, ext: "html"))
            }
            print("\(entries.count) home visits in \(communes.count) commune list(s) written under \(folder.root.appendingPathComponent(period).appendingPathComponent("home-visits").path)")
        }
    }

    struct Preferences: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import contact preferences (preferred channel, opt-out, e-mail, Zalo, postal address) from a CSV.",
            discussion: """
            Columns: national_id (required), preferred_channel (sms, zalo, email, letter, home_visit), opted_out \
            (yes/no), email, zalo_available (yes/no), postal_address. Columns the file has overwrite what is stored \
            (an empty cell clears); columns it lacks are kept. Unusable rows go to the rejects file with their line \
            number and reason; the good rows still go.
            """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Contact-preferences CSV (UTF-8, header row).") var file: String
        @Option(help: "Where rejected rows go (default: FILE.rejects.csv beside the input).") var rejects: String?
        @Option(help: "Print the summary as json or text.") var format: OutputFormat = .text

        func run() async throws {
            let store = try PensionDatabase(path: global.databasePath)
            let rejectsPath = rejects ?? ((file as NSString).deletingPathExtension + ".rejects.csv")
            let summary: ContactPreferenceImportSummary
            do {
                summary = try await ContactPreferenceImporter(store: store).run(path: file, rejectsPath: rejectsPath)
            } catch let error as ImportError {
                throw Console.fail(error.description)
            }
            switch format {
            case .json: print(try JSONCoding.string(summary))
            case .text:
                print("""
                rows read:        \(summary.rows)
                applied:          \(summary.applied) (\(summary.optedOut) opted out)
                rejected rows:    \(summary.rejected)\(summary.rejectsPath.map { " → \($0)" } ?? "")
                """)
            }
            if let stopped = summary.stoppedEarly {
                throw Console.fail("the file could not be read to its end: \(stopped)")
            }
        }
    }
}
