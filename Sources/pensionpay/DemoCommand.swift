import ArgumentParser
import Foundation
import PensionDomain
import PensionStore
import PensionSynthetic

/// `pensionpay demo generate|wait`: synthetic data and helpers for the README demo.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Synthetic demo data and demo helpers.", subcommands: [Generate.self, Wait.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a deterministic synthetic roster.csv and registry.csv (with realistic failure cases).",
            discussion: """
                --national streams a national-size roster (34 provinces, FACTS.md §9 distributions) in constant \
                memory; --month M writes the registry extract of month M (1 = --first-period), in which everyone \
                who died before it is deceased, for a monthly review against a newer registry.
                """)

        @Option(help: "How many beneficiaries (default 3000, or 3,400,000 with --national).") var people: Int?
        @Option(help: "Random seed (same seed, same files).") var seed: UInt64 = 2026
        @Option(help: "Output folder.") var out = "demo-output"
        @Flag(help: "Stream a national-size roster (constant memory) instead of the small demo.") var national = false
        @Option(help: "With --national: the month of the registry extract (1 = --first-period).") var month = 1
        @Option(help: "With --national: the period of month 1, YYYY-MM.") var firstPeriod = "2026-11"

        func validate() throws {
            if let people, people < 0 { throw ValidationError("--people must not be negative") }
            if month < 1 { throw ValidationError("--month counts from 1") }
            if !national && (month != 1 || firstPeriod != "2026-11") {
                throw ValidationError("--month and --first-period go with --national")
            }
            _ = try parsedFirstPeriod()
        }

        func run() async throws {
            let directory = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if national { return try writeNational(to: directory) }
            var generator = DemoDataGenerator(seed: seed)
            let output = try generator.write(people: people ?? 3000, to: directory)
            print("wrote \(out)/roster.csv (\(output.rosterRows) rows, \(output.expectedRejects) deliberately unusable) "
                  + "and \(out)/registry.csv (\(output.registryRows) people)")
        }

        private func parsedFirstPeriod() throws -> Period {
            do { return try Period.parse(firstPeriod, field: "--first-period") } catch { throw ValidationError(error.message) }
        }

        private func writeNational(to directory: URL) throws {
            let options = NationalRosterOptions(people: people ?? 3_400_000, seed: seed, firstPeriod: try parsedFirstPeriod())
            let started = ContinuousClock.now
            let progress = Progress("people written")
            let tally = try NationalDataWriter(options: options, month: month).write(to: directory, progress: progress.update)
            progress.finish()
            let seconds = max((ContinuousClock.now - started).seconds, 0.001)
            let refused = RosterFault.allCases.map { "\(tally.refused[$0, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
            print("""
                wrote \(out)/roster.csv: \(tally.rosterRows) rows, \(tally.expectedRejects) to be refused (\(refused)), \
                \(tally.accountWarnings) card or e-wallet accounts (accepted with a warning); cash-paid \
                \(String(format: "%.1f", 100 * tally.cashShare)) % of usable rows
                wrote \(out)/registry.csv for month \(month) (\(options.period(month: month))): \(tally.registryRows) people, \
                \(tally.deceasedRows) deceased, \(tally.mismatches) with another name or birth year; \
                \(tally.missingFromRegistry) roster people not in it
                in \(String(format: "%.1f", seconds)) s (\(Int(Double(tally.rosterRows) / seconds)) people/s)
                """)
        }
    }

    struct Wait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Wait until every living beneficiary on record has an outcome for the period, or time out.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOption
        @Option(help: "Give up after this many seconds.") var timeout = 600.0

        func run() async throws {
            _ = global.makeLogger("pensionpay.demo")
            let store = try PensionDatabase(path: global.databasePath)
            let period = try period.resolved().description
            let deadline = ContinuousClock.now + .seconds(timeout)
            let progress = Progress("waiting; beneficiaries without an outcome")
            var started = ContinuousClock.now
            var remaining = try store.unverifiedCount(period: period)
            while remaining > 0 && ContinuousClock.now < deadline {
                progress.update(remaining)
                // The count scans an index of every beneficiary (≈ 0.3 s at 3.4 million): wait four
                // times as long as it took, so the poller reads at most a fifth of the time and
                // leaves the workers their CPU and the WAL its gaps.
                try await Task.sleep(for: max(.milliseconds(250), (ContinuousClock.now - started) * 4))
                started = ContinuousClock.now
                remaining = try store.unverifiedCount(period: period)
            }
            progress.finish()
            if remaining > 0 { throw Console.fail("\(remaining) beneficiaries still without an outcome after \(Int(timeout)) s") }
        }
    }
}
