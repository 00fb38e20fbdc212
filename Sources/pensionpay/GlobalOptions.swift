import AMQP
import ArgumentParser
import Foundation
import Logging

/// Options every command shares; flags win over the environment, which wins over defaults.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("amqp-url"), help: "Broker URI, or comma-separated URIs of a cluster's nodes (env PENSIONPAY_AMQP_URL). Prefer --amqp-url-file for passwords.")
    var amqpURL: String?

    @Option(name: .customLong("amqp-url-file"), help: "File holding the broker URI or URIs: comma- or newline-separated (env PENSIONPAY_AMQP_URL_FILE).")
    var amqpURLFile: String?

    @Option(name: .customLong("db"), help: "SQLite database of this node (env PENSIONPAY_DB; default pensionpay.sqlite). `report` and `serve` take it repeatedly to merge several nodes.")
    var databases: [String] = []

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error (env PENSIONPAY_LOG_LEVEL; default info).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "json (one object per line) or text (env PENSIONPAY_LOG_FORMAT; default text).")
    var logFormat: String?

    static let defaultAMQPURL = "amqp://guest:guest@127.0.0.1:5672/%2F"

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The broker URL, from the flag, the URL file, the environment, or the default. It may name
    /// several nodes of a cluster (comma-separated; one per line in the file): connections start at
    /// the next node of a rotation and skip unreachable ones. Pass `rawValue` to child processes.
    func resolvedAMQPURL() throws -> AMQPEndpoints {
        let raw: String
        if let amqpURL {
            raw = amqpURL
        } else if let file = amqpURLFile ?? environment["PENSIONPAY_AMQP_URL_FILE"] {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read the AMQP URL file \(file)")
            }
            // One URI per line reads better in a file than a long comma-separated line.
            raw = contents.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: ",")
        } else {
            raw = environment["PENSIONPAY_AMQP_URL"] ?? Self.defaultAMQPURL
        }
        do {
            return try AMQPEndpoints(raw)
        } catch let error as AMQPError {
            throw ValidationError("bad AMQP URL: \(error.message)")
        }
    }

    /// The node database path (the first `--db`).
    var databasePath: String { databases.first ?? environment["PENSIONPAY_DB"] ?? "pensionpay.sqlite" }

    /// Every database named (report and serve merge them), or the default one.
    var databasePaths: [String] { databases.isEmpty ? [databasePath] : databases }

    /// Bootstraps logging once per process and returns the root logger.
    func makeLogger(_ label: String) -> Logger {
        let levelName = logLevel ?? environment["PENSIONPAY_LOG_LEVEL"] ?? "info"
        let level = Logger.Level(rawValue: levelName) ?? .info
        if Logger.Level(rawValue: levelName) == nil { Console.error("warning: unknown log level \(levelName); using info") }
        let json = (logFormat ?? environment["PENSIONPAY_LOG_FORMAT"] ?? "text") == "json"
        LoggingBootstrap.once(level: level, json: json)
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

/// Registry location option, shared by commands that read the embedded registry.
struct RegistryOptions: ParsableArguments {
    @Option(name: .customLong("registry"), help: "Population-registry extract database (env PENSIONPAY_REGISTRY; default registry.sqlite).")
    var registry: String?

    var path: String { registry ?? ProcessInfo.processInfo.environment["PENSIONPAY_REGISTRY"] ?? "registry.sqlite" }
}
