import Foundation
import Logging
import AMQP

/// The broker the integration tests use. They fail, never skip, when it is absent.
enum BrokerFixture {
    static var url: AMQPURL {
        get throws {
            try AMQPURL(ProcessInfo.processInfo.environment["PENSIONPAY_TEST_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/%2F?heartbeat=2")
        }
    }

    static let logger = Logger(label: "amqp-tests")

    static func connect(_ name: String = "amqp-tests") async throws -> AMQPConnection {
        try await AMQPConnection.connect(url, name: name, logger: logger)
    }

    /// A queue name no other test (or test run) uses.
    static func uniqueName(_ prefix: String) -> String {
        "test.\(prefix).\(UUID().uuidString.prefix(8))"
    }
}
