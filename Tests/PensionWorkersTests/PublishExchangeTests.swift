import AMQP
import Foundation
import Testing
@testable import PensionWorkers

/// The direct exchange per task kind that producers publish to, on the real broker: exact province
/// keys route to the kind's queue, a sharded node's exchange routes only its own provinces, and a
/// topology declared without them (an older version's) is caught by workers and producers alike.
@Suite struct PublishExchangeTests {
    @Test func eachKindsExchangeRoutesEveryCurrentProvinceToItsQueueOnly() async throws {
        try await WorkerFixture.with("publish-exchange") { fixture in
            let topology = fixture.topology
            var messages: [AMQPOutgoingMessage] = []
            for kind in TaskKind.allCases {
                for province in ["01", "79", "96"] {
                    messages.append(message(topology.publishExchange(kind), Topology.routingKey(kind, province: province)))
                }
            }
            try await fixture.publishRaw(messages)
            for kind in TaskKind.allCases {
                #expect(try await fixture.messageCount(topology.workQueue(kind)) == 3, "\(kind)")
            }
            // A key of another kind, or a province that is not a current one, is refused, not lost.
            for (exchange, key) in [(topology.publishExchange(.verify), "outreach.79"), (topology.publishExchange(.verify), "verify.99")] {
                await #expect(throws: AMQPError.self) { try await fixture.publishRaw([message(exchange, key)]) }
            }
        }
    }

    @Test func aShardedNodesExchangeRoutesOnlyItsProvinces() async throws {
        try await WorkerFixture.with("publish-shard") { fixture in
            let sharded = Topology(namespace: fixture.topology.namespace + "-shard", retryDelays: fixture.topology.retryDelays, provinces: ["79", "92"])
            let connection = try await fixture.connect("shard")
            try await sharded.declare(on: connection)
            try await connection.enablePublisherConfirms()
            try await connection.publish([message(sharded.publishExchange(.verify), "verify.79"), message(sharded.publishExchange(.verify), "verify.92")])
            await #expect(throws: AMQPError.self) { try await connection.publish([message(sharded.publishExchange(.verify), "verify.01")]) }
            await connection.close()
            #expect(try await fixture.messageCount(sharded.workQueue(.verify)) == 2)
            let cleanup = try await fixture.connect("shard cleanup")
            try await sharded.delete(on: cleanup)
            await cleanup.close()
        }
    }

    @Test func workersAndProducersNameTheMissingExchangeOfAnOlderTopology() async throws {
        try await WorkerFixture.with("publish-missing") { fixture in
            let topology = fixture.topology
            let connection = try await fixture.connect("older topology")
            try await connection.deleteExchange(topology.publishExchange(.outreach))
            await connection.close()
            for check in [{ (c: AMQPConnection) in try await topology.verify(for: .verify, on: c) },
                          { (c: AMQPConnection) in try await topology.verifyPublishing(.outreach, on: c) }] {
                let probe = try await fixture.connect("check")
                do {
                    try await check(probe)
                    Issue.record("the missing exchange was not noticed")
                } catch let error as TopologyError {
                    #expect(error.message.contains(topology.publishExchange(.outreach)))
                    #expect(error.message.contains("pensionpay topology declare"))
                }
                await probe.close()
            }
            // Declaring again adds what is missing.
            let again = try await fixture.connect("declare again")
            try await topology.declare(on: again)
            try await topology.verify(for: .verify, on: again)
            await again.close()
        }
    }

    private func message(_ exchange: String, _ key: String) -> AMQPOutgoingMessage {
        var properties = AMQPProperties()
        properties.messageID = UUID().uuidString
        properties.persistent = true
        return AMQPOutgoingMessage(exchange: exchange, routingKey: key, body: Array("{}".utf8), properties: properties)
    }
}
