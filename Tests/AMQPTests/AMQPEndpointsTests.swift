import Testing
@testable import AMQP

@Suite struct AMQPEndpointsTests {
    static let three = "amqp://guest:guest@127.0.0.1:5681/%2F,amqp://guest:guest@127.0.0.1:5682/%2F,amqp://guest:guest@127.0.0.1:5683/%2F"

    @Test func aSingleURIIsAListOfOne() throws {
        let endpoints = try AMQPEndpoints("amqp://app:pw@h:5673/vh?heartbeat=4")
        #expect(endpoints.urls.count == 1)
        #expect(endpoints.primary.port == 5673 && endpoints.primary.vhost == "vh" && endpoints.primary.heartbeat == 4)
        #expect(endpoints.rawValue == "amqp://app:pw@h:5673/vh?heartbeat=4")
        #expect(endpoints == AMQPEndpoints(try AMQPURL("amqp://app:pw@h:5673/vh?heartbeat=4")))
    }

    @Test func parsesACommaSeparatedList() throws {
        let endpoints = try AMQPEndpoints(Self.three)
        #expect(endpoints.urls.map(\.port) == [5681, 5682, 5683])
        #expect(endpoints.urls.allSatisfy { $0.host == "127.0.0.1" && $0.vhost == "/" })
        #expect(endpoints.rawValue == Self.three, "child processes get the whole list back")
        #expect(try AMQPEndpoints(endpoints.rawValue) == endpoints)
    }

    @Test func blanksAndStrayCommasAreIgnored() throws {
        let endpoints = try AMQPEndpoints(" amqp://a:1/%2F ,\n amqps://b/%2F?cacertfile=/ca.pem,, ,")
        #expect(endpoints.urls.map(\.host) == ["a", "b"])
        #expect(endpoints.urls.map(\.tls) == [false, true])
        #expect(endpoints.urls[1].caCertFile == "/ca.pem")
    }

    @Test func aCommaInsideAURIStaysInIt() throws {
        // Only a comma that starts another amqp:// or amqps:// URI separates entries.
        let endpoints = try AMQPEndpoints("amqp://app:pa,ss@h1/%2F,amqps://h2/%2F?cacertfile=/etc/ca,bundle.pem")
        #expect(endpoints.urls.count == 2)
        #expect(endpoints.urls[0].password == "pa,ss")
        #expect(endpoints.urls[1].caCertFile == "/etc/ca,bundle.pem")
    }

    @Test func descriptionMasksEveryPassword() throws {
        let endpoints = try AMQPEndpoints("amqp://u:first-secret@h1/%2F,amqp://u:second-secret@h2/%2F")
        #expect(!endpoints.description.contains("secret"))
        #expect(endpoints.description == "amqp://u:***@h1:5672/%2F,amqp://u:***@h2:5672/%2F")
    }

    @Test(arguments: ["", " , ", "amqp://h1/%2F,http://h2/", "amqp://h1/%2F,amqp://h2/a/b", "amqp://h1/%2F,amqp://"])
    func rejects(_ raw: String) {
        #expect(throws: AMQPError.self) { try AMQPEndpoints(raw) }
    }

    @Test func aBadEntryIsNamedByPosition() {
        #expect {
            try AMQPEndpoints("amqp://h1/%2F,amqp://h2/%2F?bogus=1")
        } throws: { error in
            let error = error as? AMQPError
            return error?.code == .invalidURL && error?.message.hasPrefix("broker URI 2 of 2:") == true
        }
    }

    @Test func attemptOrderRotatesFromTheStart() {
        #expect(AMQPEndpoints.attemptOrder(count: 3, start: 0, failing: []) == [0, 1, 2])
        #expect(AMQPEndpoints.attemptOrder(count: 3, start: 1, failing: []) == [1, 2, 0])
        #expect(AMQPEndpoints.attemptOrder(count: 3, start: 2, failing: []) == [2, 0, 1])
        #expect(AMQPEndpoints.attemptOrder(count: 1, start: 0, failing: [0]) == [0])
        #expect(AMQPEndpoints.attemptOrder(count: 0, start: 0, failing: []) == [])
    }

    @Test func hostsThatJustFailedAreTriedLast() {
        #expect(AMQPEndpoints.attemptOrder(count: 3, start: 0, failing: [0]) == [1, 2, 0])
        #expect(AMQPEndpoints.attemptOrder(count: 3, start: 1, failing: [1, 2]) == [0, 1, 2])
        #expect(AMQPEndpoints.attemptOrder(count: 3, start: 2, failing: [0, 1, 2]) == [2, 0, 1])
    }

    @Test func eachConnectStartsAtTheNextHostAndCopiesShareTheRotation() throws {
        let urls = try AMQPEndpoints(Self.three).urls
        let endpoints = AMQPEndpoints(urls, start: 1)
        let copy = endpoints
        #expect(endpoints.nextAttemptOrder().map(\.port) == [5682, 5683, 5681])
        #expect(copy.nextAttemptOrder().map(\.port) == [5683, 5681, 5682])
        #expect(endpoints.nextAttemptOrder().map(\.port) == [5681, 5682, 5683])

        endpoints.record(urls[0], reachable: false)
        #expect(endpoints.nextAttemptOrder().map(\.port) == [5682, 5683, 5681])
        #expect(endpoints.nextAttemptOrder().map(\.port) == [5683, 5682, 5681])
        #expect(endpoints.nextAttemptOrder().map(\.port) == [5682, 5683, 5681], "the failed host waits at the back")
        endpoints.record(urls[0], reachable: true)
        #expect(endpoints.nextAttemptOrder().map(\.port) == [5682, 5683, 5681])
        #expect(endpoints.nextAttemptOrder().map(\.port) == [5683, 5681, 5682])
    }

    @Test func aFleetDoesNotAllStartAtTheFirstHost() throws {
        let urls = try AMQPEndpoints(Self.three).urls
        let firsts = Set((0..<60).map { _ in AMQPEndpoints(urls).nextAttemptOrder()[0].port })
        #expect(firsts.count > 1, "the rotation starts at a random host per process")
    }
}

/// Connecting through a list, against the real broker (scripts/broker starts it).
@Suite struct AMQPEndpointsConnectTests {
    @Test func anUnreachableHostIsSkipped() async throws {
        let broker = try BrokerFixture.url
        let dead = try AMQPURL("amqp://guest:deadsecret@127.0.0.1:1/%2F?connection_timeout=1")
        let endpoints = AMQPEndpoints([dead, broker], start: 0)
        for _ in 0..<3 {
            let connection = try await AMQPConnection.connect(endpoints, name: "endpoints-skip", logger: BrokerFixture.logger)
            #expect(connection.url == broker)
            let queue = BrokerFixture.uniqueName("endpoints")
            try await connection.declareQueue(queue, options: AMQPQueueOptions(durable: false, exclusive: true))
            await connection.close()
        }
        #expect(endpoints.nextAttemptOrder().first == broker, "the dead host went to the back")
    }

    @Test func whenNoHostAnswersTheErrorNamesEachWithoutPasswords() async throws {
        let endpoints = try AMQPEndpoints("amqp://guest:topsecret@127.0.0.1:1/%2F?connection_timeout=1,"
                                          + "amqp://guest:topsecret@127.0.0.1:2/%2F?connection_timeout=1")
        await #expect {
            _ = try await AMQPConnection.connect(endpoints, name: "endpoints-none", logger: BrokerFixture.logger)
        } throws: { error in
            guard let error = error as? AMQPError else { return false }
            return error.code == .connectFailed && error.message.contains("none of the 2 brokers")
                && error.message.contains("127.0.0.1:1") && error.message.contains("127.0.0.1:2")
                && !error.message.contains("topsecret")
        }
    }

    @Test func aSingleURLFailsWithItsOwnError() async throws {
        let endpoints = try AMQPEndpoints("amqp://127.0.0.1:1/%2F?connection_timeout=1")
        await #expect {
            _ = try await AMQPConnection.connect(endpoints, name: "endpoints-one", logger: BrokerFixture.logger)
        } throws: { error in
            (error as? AMQPError)?.message.hasPrefix("cannot reach 127.0.0.1:1") == true
        }
    }
}
