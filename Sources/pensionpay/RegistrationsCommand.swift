import AMQP
import ArgumentParser
import Foundation
import PensionDomain
import PensionStore
import PensionWorkers

/// `pensionpay registrations import|apply|export`: bank-account registration requests and the
/// payment-method changes they lead to.
struct RegistrationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registrations", abstract: "Bank-account registration requests and payment-method changes.",
        subcommands: [Import.self, Apply.self, Export.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a registration-request CSV and publish one register task per usable row.",
            discussion: """
            Columns: national_id, bank_bin, bank_account, holder_name, authorised_holder_id, authorisation_expires, \
            channel, requested_at. Unusable rows go to the rejects file with their line number and reason; the good \
            rows still go. Tasks are routed by the province the beneficiary is paid in (register.PROVINCE).
            """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Registration-request CSV (UTF-8, header row).") var file: String
        @Option(help: "Where rejected rows go (default: FILE.rejects.csv beside the input).") var rejects: String?
        @OptionGroup var topologyOptions: TopologyOptions
        @Option(help: "Print the summary as json or text.") var format: OutputFormat = .text

        func run() async throws {
            let logger = global.makeLogger("pensionpay.registrations.import")
            let store = try PensionDatabase(path: global.databasePath)
            let topology = try topologyOptions.topology()
            let publisher = try await global.producerPublisher(name: "pensionpay registrations import", publishing: .register, topology: topology, logger: logger)
            let rejectsPath = rejects ?? ((file as NSString).deletingPathExtension + ".rejects.csv")
            let progress = Progress("rows")
            let summary: RegistrationImportSummary
            do {
                summary = try await RegistrationImporter(store: store, publisher: publisher, topology: topology)
                    .run(path: file, rejectsPath: rejectsPath, progress: progress.update)
            } catch let error as ImportError {
                await publisher.finish()
                throw Console.fail(error.description)
            }
            progress.finish()
            await publisher.finish()
            switch format {
            case .json: print(try JSONCoding.string(summary))
            case .text:
                print("""
                rows read:        \(summary.rows)
                register tasks:   \(summary.published) published (\(summary.alreadyDone) skipped: already decided)
                rejected rows:    \(summary.rejected)\(summary.rejectsPath.map { " → \($0)" } ?? "")
                """)
            }
            if let stopped = summary.stoppedEarly {
                throw Console.fail("the file could not be read to its end: \(stopped)")
            }
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Switch registered beneficiaries to bank payment for a period (pending switches due by then).",
            discussion: "Run before preparing the period's payment list; running it again does nothing.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOption

        func run() async throws {
            _ = global.makeLogger("pensionpay.registrations.apply")
            let period = try period.resolved()
            let switched = try await PensionDatabase(path: global.databasePath).applyDuePaymentSwitches(period: period, at: Date())
            print("\(switched) beneficiaries switched to bank payment from \(period)")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the payment-method changes taking effect in a period, as CSV for the payment system.",
            discussion: "Complete and repeatable: every registration decided for that period, in national_id order.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOption
        @Option(help: "Write to this file (mode 0600) instead of standard output.") var output: String?

        func run() async throws {
            _ = global.makeLogger("pensionpay.registrations.export")
            let rows = try await PensionDatabase(path: global.databasePath).registrationsEffective(in: try period.resolved())
            var text = "national_id,payment_method,bank_bin,bank_account,effective_period,authorised_holder_id,task_id,decided_at\n"
            for row in rows {
                text += [row.nationalID, "bank", row.bankBIN, row.bankAccount, row.effectivePeriod, row.authorisedHolderID ?? "",
                         row.taskID, row.decidedAt].map(RejectsWriter.escape).joined(separator: ",") + "\n"
            }
            guard let output else {
                print(text, terminator: "")
                return
            }
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw Console.fail("cannot write \(output)")
            }
            Console.error("\(rows.count) changes written to \(output)")
        }
    }
}
