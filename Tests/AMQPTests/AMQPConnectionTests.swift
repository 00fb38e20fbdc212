import Foundation
import Testing
import AMQP

/// Against the real broker on loopback (scripts/broker starts it).
@Suite struct AMQPConnectionTests {
    @Test func publishWithConfirmsThenConsumeAndAck() async throws {
        let connection = try await BrokerFixture.connect()
        defer { Task { await connection.close() } }
        let queue = BrokerFixture.uniqueName("roundtrip")
        try await connection.declareQueue(queue, options: AMQPQueueOptions(arguments: ["x-queue-type": .string("quorum")]))
        try await connection.enablePublisherConfirms()
        let messages = (0..<2000).map { i in
            AMQPOutgoingMessage(exchange: "", routingKey: queue, body: Array("m\(i)".utf8),
                                properties: AMQPProperties(contentType: "text/plain", messageID: "id-\(i)",
                                                           headers: ["x-attempt": .int(Int64(i % 3)), "nested": .table(["a": .array([.string("x"), .bool(true)])])]))
        }
        try await connection.publish(Array(messages[..<1000]))
        try await connection.publish(Array(messages[1000...]))
        let info = try await connection.inspectQueue(queue)
        #expect(info.messageCount == 2000)

        let consumer = try await BrokerFixture.connect("amqp-tests-consumer")
        defer { Task { await consumer.close() } }
        let stream = try await consumer.consume(queue: queue, prefetch: 300)
        var seen = 0
        var last: AMQPDelivery?
        for try await delivery in stream {
            #expect(String(decoding: delivery.body, as: UTF8.self) == "m\(seen)")
            #expect(delivery.properties.messageID == "id-\(seen)")
            #expect(delivery.properties.persistent)
            #expect(delivery.properties.headers["x-attempt"] == .int(Int64(seen % 3)))
            #expect(delivery.properties.headers["nested"] == .table(["a": .array([.string("x"), .bool(true)])]))
            #expect(!delivery.redelivered)
            seen += 1
            last = delivery
            if seen % 100 == 0 { try await consumer.ack(delivery, multiple: true) }
            if seen == 2000 { break }
        }
        #expect(seen == 2000)
        #expect(last != nil)
        try await consumer.cancel(consumerTag: last!.consumerTag)
        let after = try await connection.inspectQueue(queue)
        #expect(after.messageCount == 0)
        try await connection.deleteQueue(queue)
    }

    @Test func unackedDeliveriesComeBackRedeliveredAfterTheConnectionCloses() async throws {
        let connection = try await BrokerFixture.connect()
        defer { Task { await connection.close() } }
        let queue = BrokerFixture.uniqueName("redeliver")
        try await connection.declareQueue(queue, options: AMQPQueueOptions(arguments: ["x-queue-type": .string("quorum")]))
        try await connection.enablePublisherConfirms()
        try await connection.publish((0..<10).map { AMQPOutgoingMessage(exchange: "", routingKey: queue, body: [UInt8($0)]) })

        let first = try await BrokerFixture.connect("first")
        var received = 0
        for try await delivery in try await first.consume(queue: queue, prefetch: 10) {
            received += 1
            if received == 3 { try await first.ack(delivery, multiple: true) }
            if received == 10 { break }
        }
        await first.close()

        let second = try await BrokerFixture.connect("second")
        defer { Task { await second.close() } }
        var redelivered = 0
        for try await delivery in try await second.consume(queue: queue, prefetch: 10) {
            #expect(delivery.redelivered)
            #expect(delivery.body.first! >= 3)
            redelivered += 1
            try await second.ack(delivery)
            if redelivered == 7 { break }
        }
        #expect(redelivered == 7)
        try await connection.deleteQueue(queue)
    }

    @Test func unroutableMandatoryMessageIsAnError() async throws {
        let connection = try await BrokerFixture.connect()
        defer { Task { await connection.close() } }
        let exchange = BrokerFixture.uniqueName("noroute")
        try await connection.declareExchange(exchange, kind: .topic, durable: false)
        try await connection.enablePublisherConfirms()
        await #expect(throws: AMQPError.self) {
            try await connection.publish(AMQPOutgoingMessage(exchange: exchange, routingKey: "nowhere",
                                                             body: [1], properties: AMQPProperties(messageID: "lost-1")))
        }
        do {
            try await connection.publish(AMQPOutgoingMessage(exchange: exchange, routingKey: "nowhere", body: [1]))
            Issue.record("expected unroutable")
        } catch let error as AMQPError {
            #expect(error.code == .unroutable)
        }
        // The connection is still usable afterwards.
        #expect(await connection.isOpen)
        try await connection.deleteExchange(exchange)
    }

    @Test func inequivalentArgumentsSayWhatDiffersAndKeepTheConnection() async throws {
        let connection = try await BrokerFixture.connect()
        defer { Task { await connection.close() } }
        let queue = BrokerFixture.uniqueName("inequivalent")
        try await connection.declareQueue(queue, options: AMQPQueueOptions(arguments: ["x-queue-type": .string("quorum")]))
        do {
            try await connection.declareQueue(queue, options: AMQPQueueOptions(arguments: ["x-queue-type": .string("classic")]))
            Issue.record("expected an error")
        } catch let error as AMQPError {
            #expect(error.code == .inequivalentArguments)
            #expect(error.replyCode == 406)
            #expect(error.message.contains("x-queue-type"))
        }
        // Same declaration again works: the channel was reopened.
        try await connection.declareQueue(queue, options: AMQPQueueOptions(arguments: ["x-queue-type": .string("quorum")]))
        try await connection.deleteQueue(queue)
    }

    @Test func passiveDeclareOfMissingQueueIs404AndRecoverable() async throws {
        let connection = try await BrokerFixture.connect()
        defer { Task { await connection.close() } }
        do {
            _ = try await connection.inspectQueue(BrokerFixture.uniqueName("missing"))
            Issue.record("expected 404")
        } catch let error as AMQPError {
            #expect(error.code == .channelClosed)
            #expect(error.replyCode == 404)
        }
        let queue = BrokerFixture.uniqueName("after404")
        let info = try await connection.declareQueue(queue, options: AMQPQueueOptions(durable: false, autoDelete: true))
        #expect(info.messageCount == 0)
        try await connection.deleteQueue(queue)
    }

    @Test func basicGetAndNackDeadLetters() async throws {
        let connection = try await BrokerFixture.connect()
        defer { Task { await connection.close() } }
        let dead = BrokerFixture.uniqueName("dead")
        let work = BrokerFixture.uniqueName("work")
        try await connection.declareQueue(dead)
        try await connection.declareQueue(work, options: AMQPQueueOptions(arguments: [
            "x-queue-type": .string("quorum"),
            "x-dead-letter-exchange": .string(""),
            "x-dead-letter-routing-key": .string(dead),
        ]))
        try await connection.enablePublisherConfirms()
        try await connection.publish(AMQPOutgoingMessage(exchange: "", routingKey: work, body: Array("poison".utf8)))
        let got = try #require(try await connection.get(queue: work))
        #expect(got.body == Array("poison".utf8))
        try await connection.nack(got, requeue: false)
        var parked: AMQPDelivery?
        for _ in 0..<50 where parked == nil {
            parked = try await connection.get(queue: dead)
            if parked == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let message = try #require(parked)
        #expect(message.body == Array("poison".utf8))
        #expect(message.properties.headers["x-death"] != nil)
        try await connection.ack(message)
        #expect(try await connection.get(queue: work) == nil)
        try await connection.deleteQueue(work)
        try await connection.deleteQueue(dead)
    }

    @Test func connectFailsClearly() async throws {
        do {
            _ = try await AMQPConnection.connect(try AMQPURL("amqp://guest:wrong@127.0.0.1:5672/%2F"), name: "bad", logger: BrokerFixture.logger)
            Issue.record("login should fail")
        } catch let error as AMQPError {
            #expect(error.code == .connectFailed)
            #expect(!error.message.contains("wrong"))
        }
        do {
            _ = try await AMQPConnection.connect(try AMQPURL("amqp://127.0.0.1:1/%2F?connection_timeout=1"), name: "bad", logger: BrokerFixture.logger)
            Issue.record("connect should fail")
        } catch let error as AMQPError {
            #expect(error.code == .connectFailed)
        }
    }
}
