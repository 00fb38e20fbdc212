import AMQP
import ArgumentParser
import Foundation
import PensionStore
import PensionWorkers

/// `pensionpay import ROSTER.csv`: the producer.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a beneficiary roster CSV and publish one verify task per usable row.",
        discussion: "Unusable rows go to the rejects file with their line number and reason; the good rows still go.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOption
    @OptionGroup var topologyOptions: TopologyOptions
    @Argument(help: "Roster CSV (UTF-8, header row; see docs/formats.md).") var file: String
    @Option(help: "Where rejected rows go (default: FILE.rejects.csv beside the input).") var rejects: String?
    @Option(help: "Print the summary as json or text.") var format: OutputFormat = .text

    func run() async throws {
        let logger = global.makeLogger("pensionpay.import")
        let store = try PensionDatabase(path: global.databasePath, writerCacheKiB: RosterImporter.writerCacheKiB, automaticCheckpoints: false)
        let topology = try topologyOptions.topology()
        let publisher = try await global.producerPublisher(name: "pensionpay import", publishing: .verify, topology: topology, logger: logger)
        let rejectsPath = rejects ?? ((file as NSString).deletingPathExtension + ".rejects.csv")
        let progress = Progress("rows")
        let importer = RosterImporter(store: store, publisher: publisher, topology: topology, period: try period.resolved())
        // The heaviest writer while workers read and write the same file: it copies the WAL back
        // with RESTART checkpoints of its own (looking more often than a worker does) instead of
        // SQLite's passive one after each commit (see PensionDatabase(path:...automaticCheckpoints:)).
        let checkpointer = WALCheckpointer(store: store, interval: .milliseconds(500), logger: logger)
        let summary: RosterImportSummary
        do {
            summary = try await withThrowingTaskGroup(of: RosterImportSummary?.self) { group in
                group.addTask { try await checkpointer.run(); return nil }
                defer { group.cancelAll() }
                return try await importer.run(path: file, rejectsPath: rejectsPath, progress: progress.update)
            }
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
            beneficiaries:    \(summary.inserted) new, \(summary.updated) updated, \(summary.unchanged) unchanged
            verify tasks:     \(summary.published) published (\(summary.alreadyDone) skipped: already have an outcome this period)
            rejected rows:    \(summary.rejected)\(summary.rejectsPath.map { " → \($0)" } ?? "")
            with warnings:    \(summary.rowsWithWarnings) (imported; e.g. an account that looks like a card or e-wallet)
            """)
        }
        if let stopped = summary.stoppedEarly {
            throw Console.fail("the file could not be read to its end: \(stopped)")
        }
    }
}

/// `--format` for command summaries.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// JSON output with stable key order.
enum JSONCoding {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
