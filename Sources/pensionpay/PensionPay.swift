import ArgumentParser

/// The one command-line tool: producers, workers, simulators and operator commands.
@main
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
