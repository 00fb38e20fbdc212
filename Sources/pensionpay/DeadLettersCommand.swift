import AMQP
import ArgumentParser
import Foundation
import PensionStore
import PensionWorkers

/// `pensionpay dead-letters list|show|replay|purge`: the parking lot.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters", abstract: "Inspect, replay or purge parked messages.",
        subcommands: [List.self, Show.self, Replay.self, Purge.self])

    struct Filter: ParsableArguments {
        @Option(help: "Only this kind: verify, outreach or register.") var kind: String?
        @Option(help: "Only reasons containing this text.") var reason: String?
        @Option(name: .customLong("id"), help: "Only this task id.") var messageID: String?
        @Option(help: "Topology namespace.") var namespace = "pensionpay"

        var value: DeadLetterFilter { DeadLetterFilter(kind: kind, reasonContains: reason, messageID: messageID) }
    }

    static func open(_ global: GlobalOptions, confirms: Bool = false) async throws -> AMQPConnection {
        let logger = global.makeLogger("pensionpay.dead-letters")
        let connection = try await AMQPConnection.connect(try global.resolvedAMQPURL(), name: "pensionpay dead-letters", logger: logger)
        if confirms { try await connection.enablePublisherConfirms() }
        return connection
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List parked messages with their reason (bodies are not shown).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filter: Filter
        @Option(help: "At most this many.") var limit = 100
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() async throws {
            let connection = try await DeadLettersCommand.open(global)
            let messages = try await DeadLetters(connection: connection, topology: Topology(namespace: filter.namespace)).list(filter.value, limit: limit)
            await connection.close()
            switch format {
            case .json: print(try JSONCoding.string(messages.map(\.0)))
            case .text:
                for (message, _) in messages {
                    print("\(message.messageID ?? "-")  \(message.routingKey)  attempts=\(message.attempts.map(String.init) ?? "?")  "
                          + "parked=\(message.parkedAt ?? "?")  worker=\(message.worker ?? "?")\n    \(message.reason)")
                }
                print("\(messages.count) parked message(s) shown")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one parked message: reason, headers and body (ID numbers masked unless --unmasked).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Task id (message_id).") var id: String
        @Option(help: "Topology namespace.") var namespace = "pensionpay"
        @Flag(help: "Show the body as stored (it may hold personal data).") var unmasked = false

        func run() async throws {
            let connection = try await DeadLettersCommand.open(global)
            let found = try await DeadLetters(connection: connection, topology: Topology(namespace: namespace))
                .list(DeadLetterFilter(messageID: id), limit: 1).first
            await connection.close()
            guard let (message, body) = found else { throw Console.fail("no parked message with id \(id)") }
            print(try JSONCoding.string(message))
            let text = String(decoding: body, as: UTF8.self)
            print(unmasked ? text : LogRedaction.redact(text))
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send matching parked messages back to their work queue (fresh attempt count; audited).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filter: Filter
        @Flag(help: "Replay every match (without it, an --id is required).") var all = false
        @Option(help: "Who is replaying (for the audit table).") var actor = ProcessInfo.processInfo.environment["USER"] ?? "operator"

        func run() async throws {
            guard all || filter.messageID != nil else { throw ValidationError("give --id TASK_ID, or --all (with optional --kind/--reason)") }
            let store = try? PensionDatabase(path: global.databasePath)
            let connection = try await DeadLettersCommand.open(global, confirms: true)
            let count = try await DeadLetters(connection: connection, topology: Topology(namespace: filter.namespace))
                .replay(filter.value, actor: actor, store: store)
            await connection.close()
            print("replayed \(count) message(s)")
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete every parked message (asks for confirmation).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Topology namespace.") var namespace = "pensionpay"
        @Flag(help: "Do not ask.") var yes = false

        func run() async throws {
            if !yes {
                FileHandle.standardError.write(Data("Delete every parked message for good? Type 'purge' to confirm: ".utf8))
                guard readLine()?.trimmingCharacters(in: .whitespaces) == "purge" else { throw Console.fail("not confirmed; nothing deleted") }
            }
            let connection = try await DeadLettersCommand.open(global)
            let count = try await DeadLetters(connection: connection, topology: Topology(namespace: namespace)).purge()
            await connection.close()
            print("purged \(count) message(s)")
        }
    }
}
