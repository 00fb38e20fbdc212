import AMQP
import ArgumentParser
import Foundation
import PensionDomain
import PensionIntegrations
import PensionOperations
import PensionStore
import PensionWorkers

/// `pensionpay status`: queue depths and consumers, retry and parked counts, outbox backlog.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Queue depths, consumers, retries, parked messages and the outbox backlog.",
        discussion: """
        Ready counts and consumers come over AMQP. Unacked counts need the broker's management API \
        (--management-url); without it they show as ?. The age of the oldest message is not shown: \
        quorum queues do not report it.
        """)

    struct Snapshot: Codable {
        var at: String
        var queues: [ProgressSnapshot.Queue]
        var outboxPending: Int?
        /// Outcomes recorded but not yet folded into the beneficiaries' state (see OutcomeFolder).
        var outcomesUnfolded: Int?

        enum CodingKeys: String, CodingKey { case at, queues, outboxPending = "outbox_pending", outcomesUnfolded = "outcomes_unfolded" }
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var topologyOptions: TopologyOptions
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Flag(help: "Refresh every --interval seconds until interrupted.") var watch = false
    @Option(help: "Seconds between refreshes with --watch.") var interval = 2.0
    @Option(help: "RabbitMQ management API (e.g. http://127.0.0.1:15672; env PENSIONPAY_MANAGEMENT_URL) for unacked counts; the AMQP user's credentials are used.")
    var managementURL: String?

    func run() async throws {
        let logger = global.makeLogger("pensionpay.status")
        let topology = try topologyOptions.topology()
        let url = try global.resolvedAMQPURL()
        let management = (managementURL ?? ProcessInfo.processInfo.environment["PENSIONPAY_MANAGEMENT_URL"])
            .map { BrokerManagementClient(baseURL: $0, user: url.primary.user, password: url.primary.password) }
        let connection = try await AMQPConnection.connect(url, name: "pensionpay status", logger: logger)
        let store = FileManager.default.fileExists(atPath: global.databasePath) ? try? PensionDatabase(path: global.databasePath) : nil
        repeat {
            var queues = try await QueueHealth.collect(on: connection, topology: topology)
            if let management {
                for index in queues.indices {
                    do {
                        queues[index].unacked = try await management.queue(queues[index].name, vhost: url.primary.vhost)?.messagesUnacknowledged
                    } catch {
                        queues[index].error = queues[index].error ?? "management API: \(error)"
                    }
                }
            }
            let pending = try? store?.pendingOutboxCount()
            let unfolded = try? await store?.unfoldedOutcomeCount()
            let snapshot = Snapshot(at: ISO8601.formatSeconds(Date()), queues: queues, outboxPending: pending, outcomesUnfolded: unfolded)
            switch format {
            case .json: print(try JSONCoding.string(snapshot))
            case .text:
                if watch { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                print("PensionPay status at \(snapshot.at)")
                for queue in queues {
                    let detail = queue.error ?? "ready \(queue.ready ?? 0)  unacked \(queue.unacked.map(String.init) ?? "?")  consumers \(queue.consumers ?? 0)"
                    print("  \(queue.name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(queue.role.padding(toLength: 7, withPad: " ", startingAt: 0)) \(detail)")
                }
                if let pending { print("  outbox pending: \(pending)") }
                if let unfolded { print("  outcomes not yet folded into beneficiaries: \(unfolded)") }
            }
            if watch { try await Task.sleep(for: .milliseconds(Int64(interval * 1000))) }
        } while watch
        await connection.close()
    }
}
