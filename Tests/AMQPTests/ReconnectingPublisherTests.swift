import Foundation
import Testing
import AMQP

/// The producers' publisher against the real broker on loopback. Losing the broker node
/// mid-import is in PensionWorkersTests (ProducerReconnectTests) and the cluster suite.
@Suite struct ReconnectingPublisherTests {
    static let fast = AMQPReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200))

    static func messages(_ range: Range<Int>, to queue: String) -> [AMQPOutgoingMessage] {
        range.map { AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array("m\($0)".utf8), properties: AMQPProperties(messageID: "id-\($0)")) }
    }

    @Test func aLostConnectionIsMadeAgainAndTheBatchPublished() async throws {
        let admin = try await BrokerFixture.connect()
        let queue = BrokerFixture.uniqueName("republish")
        try await admin.declareQueue(queue, options: AMQPQueueOptions(arguments: ["x-queue-type": .string("quorum")]))
        let publisher = try await ReconnectingPublisher.connect(AMQPEndpoints(try BrokerFixture.url), name: "amqp-tests-publisher",
                                                                logger: BrokerFixture.logger, policy: Self.fast)
        try await publisher.publish(Self.messages(0..<500, to: queue))
        let first = try #require(await publisher.connectionInUse)
        await first.close()   // as good as lost: every call on it now fails with a connection-level error

        try await publisher.publish(Self.messages(500..<1000, to: queue))
        let second = try #require(await publisher.connectionInUse)
        #expect(second.id != first.id, "published through a new connection")
        #expect(await publisher.statistics == .init(reconnects: 1, republished: 500))
        #expect(try await admin.inspectQueue(queue).messageCount == 1000)

        await publisher.close()
        try await admin.deleteQueue(queue)
        await admin.close()
    }

    @Test func aBrokerThatKeepsRefusingEndsTheRunAfterTheOutageLimit() async throws {
        let admin = try await BrokerFixture.connect()
        let queue = BrokerFixture.uniqueName("refusing")
        // A full queue that rejects new messages: the broker nacks every publish.
        try await admin.declareQueue(queue, options: AMQPQueueOptions(arguments: ["x-max-length": .int(0), "x-overflow": .string("reject-publish")]))
        let publisher = try await ReconnectingPublisher.connect(AMQPEndpoints(try BrokerFixture.url), name: "amqp-tests-refused",
                                                                logger: BrokerFixture.logger, policy: Self.fast, outageLimit: .seconds(1))
        let started = ContinuousClock.now
        await #expect {
            try await publisher.publish(Self.messages(0..<10, to: queue))
        } throws: { error in
            (error as? AMQPError)?.code == .nacked
        }
        let took = ContinuousClock.now - started
        #expect(took >= .seconds(1), "retried until the limit, took \(took)")
        #expect(took < .seconds(60), "then gave up, took \(took)")   // loose: the machine may be loaded
        #expect(await publisher.statistics.republished == 0, "nothing was confirmed")
        await publisher.close()
        try await admin.deleteQueue(queue)
        await admin.close()
    }

    @Test func anUnreachableBrokerAtTheStartIsAnErrorAtOnce() async throws {
        let started = ContinuousClock.now
        await #expect(throws: AMQPError.self) {
            _ = try await ReconnectingPublisher.connect(AMQPEndpoints("amqp://guest:guest@127.0.0.1:1/%2F?connection_timeout=2"),
                                                        name: "amqp-tests-nowhere", logger: BrokerFixture.logger)
        }
        // No retrying for the outage limit (5 minutes): the bound is loose because the test runs
        // among hundreds of others on a loaded machine (7.5 s was seen for a refused connect).
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
