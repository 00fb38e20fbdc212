import AMQP
import ArgumentParser
import PensionStore
import PensionWorkers

/// `pensionpay review --period P`: the monthly review.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Publish a verify task for every living beneficiary on record (idempotent per period).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOption
    @OptionGroup var topologyOptions: TopologyOptions
    @Option(help: "Print the summary as json or text.") var format: OutputFormat = .text

    func run() async throws {
        let logger = global.makeLogger("pensionpay.review")
        let store = try PensionDatabase(path: global.databasePath)
        let topology = try topologyOptions.topology()
        let publisher = try await global.producerPublisher(name: "pensionpay review", publishing: .verify, topology: topology, logger: logger)
        let progress = Progress("beneficiaries")
        let summary = try await MonthlyReview(store: store, publisher: publisher, topology: topology, period: try period.resolved()).run(progress: progress.update)
        progress.finish()
        await publisher.finish()
        switch format {
        case .json: print(try JSONCoding.string(summary))
        case .text:
            print("scanned \(summary.scanned) living beneficiaries: \(summary.published) verify tasks published, "
                  + "\(summary.alreadyDone) already have an outcome this period, \(summary.unusable) unusable")
        }
    }
}
