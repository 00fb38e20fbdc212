import ArgumentParser

/// The one command-line tool: producers, workers, simulators and operator commands (its entry
/// point is main.swift).
struct PensionPay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pensionpay",
        abstract: "Cashless pension payment: verify beneficiaries, run the campaign, track progress.",
        discussion: """
        Configuration comes from flags or the environment: PENSIONPAY_AMQP_URL (or \
        PENSIONPAY_AMQP_URL_FILE, a file holding the URL, so the password never shows in `ps`), \
        PENSIONPAY_DB, PENSIONPAY_REGISTRY, PENSIONPAY_LOG_LEVEL.
        """,
        subcommands: [
            TopologyCommand.self, RegistryCommand.self, ImportCommand.self, RegistrationsCommand.self, ReviewCommand.self,
            WorkerCommand.self, OutreachCommand.self, ReportCommand.self, StatusCommand.self, DeadLettersCommand.self, ServeCommand.self,
            SimulateCommand.self, DemoCommand.self, BenchCommand.self,
        ]
    )
}

extension PensionPay {
    /// What `@main` on an `AsyncParsableCommand` runs: parse, then `run()`, or exit with the
    /// error's message and code. Written out because main.swift cannot name ArgumentParser's async
    /// `main()`: the synchronous `ParsableCommand.main()` wins the overload, and it refuses async
    /// commands.
    static func runAsRoot() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
