import ArgumentParser
import Foundation
import PensionDomain
import PensionIntegrations
import PensionOperations
import PensionStore
import PensionWorkers
import ServiceLifecycle

extension WorkerCommand {
    /// `pensionpay worker outreach --gateway-url URL`.
    struct Outreach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send outreach notices through the notice gateway; stops gracefully on SIGTERM/SIGINT.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Notice gateway base URL (env PENSIONPAY_GATEWAY_URL).") var gatewayURL: String?
        @Option(help: "Gateway request timeout, seconds.") var gatewayTimeout = 5.0
        @Option(help: "Name shown on the broker and in parked messages (default: outreach@HOST:PID).") var name: String?
        @Option(help: "Unacked deliveries in flight.") var prefetch: UInt16 = 200
        @Option(help: "Deliveries handled per batch.") var batch = 100
        @Option(help: "Notices sent at once.") var concurrency = 16
        @OptionGroup var topologyOptions: TopologyOptions
        @Option(help: "Campaign window in days: at most one notice per beneficiary per window.") var windowDays = CampaignWindow.defaultDays
        @Option(help: "Quiet hours for SMS and Zalo, Vietnam time.") var quietHours = "21:00-07:00"
        @Option(help: "SMS text: accented (UCS-2) or unaccented (GSM-7).") var smsVariant = "accented"
        @Option(help: "Rate limit per channel toward the gateway, notices per second.") var ratePerSecond = 20.0
        @Option(help: "Folder of notice templates (default: the templates shipped with pensionpay).") var templates: String?
        @Option(help: "Office named in the notices.") var officeName = "Bảo hiểm xã hội cơ sở"
        @Option(help: "Office phone named in the notices.") var officePhone = "1900 9068"
        @Option(help: "Write printed letters as files under DIR/PERIOD/letters/ for the print room instead of sending them to the gateway (env PENSIONPAY_OUTREACH_DIR).")
        var outputDir: String?
        @OptionGroup var http: WorkerHTTPOptions

        func run() async throws {
            let logger = global.makeLogger("pensionpay.worker.outreach")
            let prometheus = MetricsBootstrap.once()   // before any metric is created
            let environment = ProcessInfo.processInfo.environment
            guard let base = gatewayURL ?? environment["PENSIONPAY_GATEWAY_URL"] else {
                throw ValidationError("--gateway-url (or PENSIONPAY_GATEWAY_URL) is required")
            }
            guard let variant = SMSVariant(rawValue: smsVariant) else { throw ValidationError("--sms-variant must be accented or unaccented") }
            let quiet: QuietHours
            do { quiet = try QuietHours.parse(quietHours) } catch { throw ValidationError("--quiet-hours: \(error)") }
            let url = try global.resolvedAMQPURL()
            let workerName = name ?? "outreach@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
            let store = try PensionDatabase(path: global.databasePath)
            let gateway = try HTTPNoticeGateway(
                options: NoticeGatewayOptions(baseURL: base, requestTimeout: .milliseconds(Int64(gatewayTimeout * 1000))), logger: logger)
            let renderer = try templates.map { try NoticeRenderer(directory: $0) } ?? NoticeRenderer()
            let topology = try topologyOptions.topology()
            var options = OutreachOptions()
            options.window = CampaignWindow(days: windowDays)
            options.quietHours = quiet
            options.smsVariant = variant
            options.officeName = officeName
            options.officePhone = officePhone
            options.concurrency = concurrency
            options.maxAttempts = topology.retryDelays.count + 1
            if let folder = outputDir ?? environment["PENSIONPAY_OUTREACH_DIR"] {
                options.letterFolder = OutreachFolder(root: URL(fileURLWithPath: folder))
            }
            let limits = Dictionary(uniqueKeysWithValues: NoticeChannel.allCases.map { ($0, ChannelRateLimit(perSecond: ratePerSecond)) })
            let handler = OutreachHandler(store: store, gateway: gateway, renderer: renderer, limiter: ChannelRateLimiter(limits: limits),
                                          options: options, logger: logger)
            let status = WorkerStatus()
            let worker = TaskWorker(url: url, handler: handler,
                                    options: WorkerOptions(name: workerName, prefetch: prefetch, maxBatch: batch, topology: topology),
                                    status: status, logger: logger)
            let helpers: [any Service] = [OutboxRelay(url: url, store: store, name: workerName, topology: topology, logger: logger),
                                          DeferredNoticeResumer(store: store, topology: topology, logger: logger),
                                          WALCheckpointer(store: store, logger: logger)]
            do {
                try await WorkerProcess.run(worker, helpers: helpers, status: status, http: http, metrics: prometheus, logger: logger)
            } catch {
                try? await gateway.shutdown()
                throw error
            }
            try await gateway.shutdown()
        }
    }
}
