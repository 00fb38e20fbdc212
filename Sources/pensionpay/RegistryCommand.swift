import ArgumentParser
import PensionStore
import PensionWorkers

/// `pensionpay registry import EXTRACT.csv`.
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry", abstract: "The embedded population-registry extract.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a registry extract CSV into the registry database (rows are replaced by ID).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var registry: RegistryOptions
        @Argument(help: "Extract CSV: national_id, full_name, date_of_birth, sex, status, date_of_death, province_code, commune_code.")
        var file: String

        func run() async throws {
            _ = global.makeLogger("pensionpay.registry")
            let database = try RegistryDatabase.create(path: registry.path)
            let summary: RegistryImportSummary
            do {
                summary = try RegistryImporter(database: database).run(path: file)
            } catch let error as ImportError {
                throw Console.fail(error.description)
            }
            for error in summary.errors { Console.error("rejected: \(error)") }
            print("registry \(registry.path): \(summary.stored) people stored from \(summary.rows) rows, \(summary.rows - summary.stored) rejected")
        }
    }
}
