import AMQP
import ArgumentParser
import Foundation
import Logging
import PensionDomain
import PensionIntegrations
import PensionStore
import PensionWorkers
import ServiceLifecycle

extension WorkerCommand {
    /// `pensionpay worker register`: decides bank-account registrations.
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide bank-account registrations (bank name inquiry over HTTP); stops gracefully on SIGTERM/SIGINT.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Name shown on the broker and in parked messages (default: register@HOST:PID).") var name: String?
        @Option(help: "Unacked deliveries in flight (bounds memory).") var prefetch: UInt16 = 500
        @Option(help: "Deliveries decided per transaction (group commit).") var batch = 100
        @OptionGroup var topologyOptions: TopologyOptions
        @Option(help: "Base URL of the bank name-inquiry service (env PENSIONPAY_BANK_URL); see docs/bank-inquiry-http.md.")
        var bankURL: String?
        @Option(help: "Instead of --bank-url: answer inquiries from this CSV of bank_bin,bank_account,holder_name (demos).")
        var bankAccounts: String?
        @Option(help: "File holding the bank inquiry API key (env PENSIONPAY_BANK_API_KEY_FILE).") var bankAPIKeyFile: String?
        @Option(help: "Bank inquiry request timeout, seconds.") var bankTimeout = 5.0
        @Option(help: "Requests on or before this day of the month switch from the next period, later ones from the one after.")
        var cutOffDay = PaymentCalendar.defaultCutOffDay
        @Option(help: "Last day old-law authorisations are honoured, YYYY-MM-DD.") var legacyAuthorisationLapse = "2026-06-30"
        @OptionGroup var http: WorkerHTTPOptions

        func validate() throws {
            guard (1...31).contains(cutOffDay) else { throw ValidationError("--cut-off-day must be 1…31") }
            if bankURL != nil && bankAccounts != nil { throw ValidationError("give --bank-url or --bank-accounts, not both") }
        }

        func run() async throws {
            let logger = global.makeLogger("pensionpay.worker.register")
            let url = try global.resolvedAMQPURL()
            let workerName = name ?? "register@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
            let environment = ProcessInfo.processInfo.environment
            let metrics = MetricsBootstrap.once()   // before any metric is created
            let lapse: PartialDate
            do {
                lapse = try PartialDate.parse(legacyAuthorisationLapse, field: "legacy-authorisation-lapse")
            } catch {
                throw ValidationError("\(error)")
            }
            let policy = RegistrationPolicy(cutOffDay: cutOffDay, authorisation: AuthorisationPolicy(legacyLapseDate: lapse))
            let store = try PensionDatabase(path: global.databasePath)
            var httpBank: HTTPBankNameInquiry?
            let bank: any BankNameInquiry
            if let accounts = bankAccounts {
                bank = try SimulatedBankAccounts(csvPath: accounts)
            } else if let base = bankURL ?? environment["PENSIONPAY_BANK_URL"] {
                let keyFile = bankAPIKeyFile ?? environment["PENSIONPAY_BANK_API_KEY_FILE"]
                let apiKey = try keyFile.map { try Secrets.read(file: $0) }
                let client = try HTTPBankNameInquiry(
                    options: HTTPBankInquiryOptions(baseURL: base, apiKey: apiKey, requestTimeout: .milliseconds(Int64(bankTimeout * 1000))),
                    logger: logger)
                httpBank = client
                bank = client
            } else {
                throw ValidationError("give --bank-url (or PENSIONPAY_BANK_URL) or --bank-accounts")
            }
            let topology = try topologyOptions.topology()
            let handler = RegisterHandler(store: store, bank: bank, policy: policy, workerName: workerName, logger: logger)
            let status = WorkerStatus()
            let worker = TaskWorker(url: url, handler: handler,
                                    options: WorkerOptions(name: workerName, prefetch: prefetch, maxBatch: batch, topology: topology),
                                    status: status, logger: logger)
            do {
                try await WorkerProcess.run(worker, helpers: [WALCheckpointer(store: store, logger: logger)], status: status, http: http, metrics: metrics, logger: logger)
            } catch {
                try? await httpBank?.shutdown()
                throw error
            }
            try await httpBank?.shutdown()
        }
    }
}
