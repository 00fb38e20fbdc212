import Foundation
import Testing
import AMQP

/// amqps:// against the node `faults/tls-broker start` runs (AMQPS on localhost:5692, a test CA).
/// scripts/test starts it, exports its variables (`eval "$(faults/tls-broker env)"`) and runs
/// these with PENSIONPAY_TLS_TEST=1; without the node they fail, never skip.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PENSIONPAY_TLS_TEST"] == "1"))
struct TLSBrokerTests {
    /// A `PENSIONPAY_TLS_*` variable that `faults/tls-broker env` prints.
    static func variable(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw MissingTLSBroker(description: "\(name) is not set: run `faults/tls-broker start` and `eval \"$(faults/tls-broker env)\"`")
        }
        return value
    }

    /// `amqps://guest:guest@localhost:5692/%2F` with the given query.
    static func amqps(_ query: String) throws -> AMQPURL {
        let full = try variable("PENSIONPAY_TLS_AMQPS_URL")
        let base = full.split(separator: "?", maxSplits: 1).first.map(String.init) ?? full
        return try AMQPURL(query.isEmpty ? base : "\(base)?\(query)")
    }

    @Test func declarePublishAndGetOverTLSWithAClientCertificate() async throws {
        let url = try AMQPURL(Self.variable("PENSIONPAY_TLS_AMQPS_URL"))
        #expect(url.tls && url.certFile != nil && url.verifyPeer)
        let connection = try await AMQPConnection.connect(url, name: "tls-tests", logger: BrokerFixture.logger)
        let queue = BrokerFixture.uniqueName("tls")
        try await connection.declareQueue(queue, options: AMQPQueueOptions(arguments: ["x-queue-type": .string("quorum")]))
        try await connection.enablePublisherConfirms()
        try await connection.publish((0..<50).map {
            AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array("secret-\($0)".utf8), properties: AMQPProperties(messageID: "m\($0)"))
        })
        #expect(try await connection.inspectQueue(queue).messageCount == 50)
        var bodies: [String] = []
        while let delivery = try await connection.get(queue: queue) {
            bodies.append(String(decoding: delivery.body, as: UTF8.self))
            try await connection.ack(delivery)
        }
        #expect(bodies == (0..<50).map { "secret-\($0)" })
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test func theCAAloneIsEnoughWhenTheBrokerDoesNotRequireAClientCertificate() async throws {
        let url = try Self.amqps("cacertfile=\(Self.variable("PENSIONPAY_TLS_CA"))")
        let connection = try await AMQPConnection.connect(url, name: "tls-tests-ca-only", logger: BrokerFixture.logger)
        #expect(await connection.isOpen)
        await connection.close()
    }

    @Test func anUnknownCAFailsWithACertificateVerificationError() async throws {
        let url = try Self.amqps("cacertfile=\(Self.variable("PENSIONPAY_TLS_WRONG_CA"))&certfile=\(Self.variable("PENSIONPAY_TLS_CERT"))"
                                 + "&keyfile=\(Self.variable("PENSIONPAY_TLS_KEY"))&connection_timeout=5")
        let started = ContinuousClock.now
        await #expect {
            _ = try await AMQPConnection.connect(url, name: "tls-tests-wrong-ca", logger: BrokerFixture.logger)
        } throws: { error in
            guard let error = error as? AMQPError else { return false }
            print("wrong CA: \(error)")
            return error.code == .connectFailed && error.message.contains("TLS") && error.message.contains("certificate verification")
                && error.message.contains("wrong-ca.pem") && !error.message.contains("guest:guest")
        }
        #expect(ContinuousClock.now - started < .seconds(5), "a refused handshake fails at once, not by timeout")
    }

    @Test func aCertificateThatDoesNotNameTheHostFailsHostnameVerification() async throws {
        // The node also listens on 127.0.0.2, a loopback address its certificate does not name
        // (it names localhost and 127.0.0.1): the right CA, the wrong name.
        let base = try Self.variable("PENSIONPAY_TLS_AMQPS_URL")
        let renamed = base.replacingOccurrences(of: "@localhost:", with: "@127.0.0.2:").replacingOccurrences(of: "@127.0.0.1:", with: "@127.0.0.2:")
        let url = try AMQPURL(renamed + (renamed.contains("?") ? "&" : "?") + "connection_timeout=5")
        #expect(url.host == "127.0.0.2" && url.verifyPeer)
        await #expect {
            _ = try await AMQPConnection.connect(url, name: "tls-tests-wrong-host", logger: BrokerFixture.logger)
        } throws: { error in
            guard let error = error as? AMQPError else { return false }
            print("wrong host: \(error)")
            return error.code == .connectFailed && error.message.contains("does not name 127.0.0.2")
        }
        // The same address without verification connects: it is the name that was refused.
        let unverified = try AMQPURL(renamed.split(separator: "?", maxSplits: 1)[0] + "?verify=verify_none")
        let connection = try await AMQPConnection.connect(unverified, name: "tls-tests-wrong-host-unverified", logger: BrokerFixture.logger)
        #expect(await connection.isOpen)
        await connection.close()
    }

    @Test func turningVerificationOffConnectsDespiteAnUnknownCA() async throws {
        let url = try Self.amqps("cacertfile=\(Self.variable("PENSIONPAY_TLS_WRONG_CA"))&verify=verify_none")
        let connection = try await AMQPConnection.connect(url, name: "tls-tests-verify-none", logger: BrokerFixture.logger)
        #expect(await connection.isOpen)
        await connection.close()
    }

    @Test func aPlainConnectionToTheTLSPortFails() async throws {
        // A frequent misconfiguration: amqp:// toward the AMQPS port. It must fail, not hang.
        let url = try AMQPURL("amqp://guest:guest@127.0.0.1:5692/%2F?connection_timeout=5")
        await #expect(throws: AMQPError.self) {
            _ = try await AMQPConnection.connect(url, name: "tls-tests-plain", logger: BrokerFixture.logger)
        }
        _ = try Self.variable("PENSIONPAY_TLS_AMQPS_URL")   // the node must be there for this to mean anything
    }
}

/// The TLS node's variables are missing: a setup failure, reported as such.
struct MissingTLSBroker: Error, CustomStringConvertible {
    let description: String
}
