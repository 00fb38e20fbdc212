import ArgumentParser
import Foundation
import PensionStore

/// `pensionpay demo generate|wait`: synthetic data and helpers for the README demo.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Synthetic demo data and demo helpers.", subcommands: [Generate.self, Wait.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a deterministic synthetic roster.csv and registry.csv (with realistic failure cases).")

        @Option(help: "How many beneficiaries.") var people = 3000
        @Option(help: "Random seed (same seed, same files).") var seed: UInt64 = 2026
        @Option(help: "Output folder.") var out = "demo-output"

        func run() async throws {
            let directory = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var generator = DemoDataGenerator(seed: seed)
            let output = try generator.write(people: people, to: directory)
            print("wrote \(out)/roster.csv (\(output.rosterRows) rows, \(output.expectedRejects) deliberately unusable) "
                  + "and \(out)/registry.csv (\(output.registryRows) people)")
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
            var remaining = try store.unverifiedCount(period: period)
            while remaining > 0 && ContinuousClock.now < deadline {
                progress.update(remaining)
                try await Task.sleep(for: .milliseconds(250))
                remaining = try store.unverifiedCount(period: period)
            }
            progress.finish()
            if remaining > 0 { throw Console.fail("\(remaining) beneficiaries still without an outcome after \(Int(timeout)) s") }
        }
    }
}
