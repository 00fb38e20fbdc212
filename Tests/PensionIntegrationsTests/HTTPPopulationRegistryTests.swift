import Foundation
import PensionDomain
import PensionIntegrations
import PensionStore
import Testing

/// The client against the simulator over real loopback sockets.
@Suite struct HTTPPopulationRegistryTests {
    typealias Support = RegistryTestSupport

    func expectUnavailable(
        _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> RegistryUnavailable? {
        do {
            try await body()
            Issue.record("expected RegistryUnavailable", sourceLocation: sourceLocation)
            return nil
        } catch let error as RegistryUnavailable {
            return error
        } catch {
            Issue.record("expected RegistryUnavailable, got \(type(of: error))", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test func foundUnknownAndDeceasedRoundTrip() async throws {
        try await Support.withSimulator { simulator, port in
            try await Support.withClient(Support.clientOptions(port: port)) { client in
                let ids = [Support.alive, Support.partial, Support.deceased].map { Support.id($0.nationalID) }
                    + [Support.id(Support.unknownID)]
                let found = try await client.lookup(ids)
                #expect(found.count == 3)
                #expect(found[Support.id(Support.unknownID)] == nil)

                let an = try #require(found[ids[0]])
                #expect(an == RegistryRecord(
                    nationalID: ids[0], fullName: "Nguyễn Văn An", dateOfBirth: PartialDate(year: 1950, month: 3, day: 7),
                    sex: .male, status: .alive, provinceCode: "79", communeCode: "26734"))
                let binh = try #require(found[ids[1]])
                #expect(binh.dateOfBirth == PartialDate(year: 1948) && binh.sex == .female && binh.provinceCode == nil)
                let cuong = try #require(found[ids[2]])
                #expect(cuong.status == .deceased && cuong.dateOfDeath == PartialDate(year: 2025, month: 10, day: 2))

                #expect(try await client.lookup([]).isEmpty)
                #expect(try await client.lookup([Support.id(Support.unknownID)]).isEmpty)
                #expect(simulator.stats.lookupRequests == 2, "an empty lookup makes no request")
                #expect(client.circuitState == .closed(consecutiveFailures: 0))
            }
        }
    }

    @Test func apiKeyIsRequiredWhenTheServerHasOne() async throws {
        try await Support.withSimulator(options: .init(apiKey: "s3cret-key")) { simulator, port in
            let ids = [Support.id(Support.alive.nationalID)]
            try await Support.withClient(Support.clientOptions(port: port) { $0.apiKey = "wrong-key" }) { client in
                let error = await expectUnavailable { _ = try await client.lookup(ids) }
                #expect(error?.reason.contains("unauthorized") == true)
                #expect(error.map { !"\($0)".contains("wrong-key") && !"\($0)".contains(Support.alive.nationalID) } == true)
            }
            try await Support.withClient(Support.clientOptions(port: port)) { client in
                _ = await expectUnavailable { _ = try await client.lookup(ids) }
            }
            #expect(simulator.stats.unauthorized == 2)
            #expect(simulator.stats.lookupRequests == 2, "a 401 is not retried")
            try await Support.withClient(Support.clientOptions(port: port) { $0.apiKey = "s3cret-key" }) { client in
                let found = try await client.lookup(ids)
                #expect(found.count == 1)
            }
        }
    }

    @Test func aBurstOf503IsRetriedThenSucceeds() async throws {
        try await Support.withSimulator { simulator, port in
            simulator.enqueueFaults([.error, .error])
            try await Support.withClient(Support.clientOptions(port: port)) { client in
                let found = try await client.lookup([Support.id(Support.deceased.nationalID)])
                #expect(found.count == 1)
            }
            #expect(simulator.stats.errors == 2)
            #expect(simulator.stats.served == 1)
            #expect(simulator.stats.lookupRequests == 3)
        }
    }

    @Test func persistent503GivesUpAfterTheBound() async throws {
        try await Support.withSimulator(options: .init(faults: .init(errorRate: 1))) { simulator, port in
            try await Support.withClient(Support.clientOptions(port: port)) { client in
                let error = await expectUnavailable { _ = try await client.lookup([Support.id(Support.alive.nationalID)]) }
                #expect(error?.reason.contains("serverError") == true)
                #expect(error?.reason.contains("3 attempt") == true)
            }
            #expect(simulator.stats.lookupRequests == 3)
        }
    }

    @Test func throttlingHonoursRetryAfter() async throws {
        try await Support.withSimulator { simulator, port in
            simulator.enqueueFaults([.throttle(retryAfterSeconds: 1)])
            try await Support.withClient(Support.clientOptions(port: port)) { client in
                let clock = ContinuousClock()
                let started = clock.now
                let found = try await client.lookup([Support.id(Support.alive.nationalID)])
                let elapsed = clock.now - started
                #expect(found.count == 1)
                // Only a lower bound: sleeping never ends early, however loaded the machine is.
                #expect(elapsed >= .milliseconds(950), "waited \(elapsed)")
            }
            #expect(simulator.stats.throttled == 1)
            #expect(simulator.stats.lookupRequests == 2)
        }
    }

    @Test func retryAfterBeyondTheCapGivesUpAtOnce() async throws {
        try await Support.withSimulator { simulator, port in
            simulator.enqueueFaults([.throttle(retryAfterSeconds: 120)])
            try await Support.withClient(Support.clientOptions(port: port)) { client in
                let error = await expectUnavailable { _ = try await client.lookup([Support.id(Support.alive.nationalID)]) }
                #expect(error?.reason.contains("throttled") == true)
            }
            #expect(simulator.stats.lookupRequests == 1)
        }
    }

    @Test func timeoutsBecomeRegistryUnavailable() async throws {
        let faults = RegistryFaults(timeoutRate: 1, timeoutHold: .seconds(3))
        try await Support.withSimulator(options: .init(faults: faults)) { simulator, port in
            let options = Support.clientOptions(port: port) {
                $0.requestTimeout = .milliseconds(300)
                $0.retry.maxAttempts = 2
            }
            try await Support.withClient(options) { client in
                let error = await expectUnavailable { _ = try await client.lookup([Support.id(Support.alive.nationalID)]) }
                #expect(error?.reason.contains("timeout") == true)
            }
            try await Support.waitUntil("both attempts to reach the server") { simulator.stats.timedOut == 2 }
            #expect(simulator.stats.lookupRequests == 2)
        }
    }

    @Test func connectionRefusedBecomesRegistryUnavailable() async throws {
        // Learn a free port, then stop the server so nothing listens there.
        let simulator = RegistrySimulator(database: try Support.makeDatabase(), logger: Support.logger)
        let port = try await simulator.withRunningServer { $0 }
        try await Support.withClient(Support.clientOptions(port: port)) { client in
            let error = await expectUnavailable { _ = try await client.lookup([Support.id(Support.alive.nationalID)]) }
            #expect(error?.reason.contains("connectionFailed") == true || error?.reason.contains("timeout") == true,
                    "\(String(describing: error))")
        }
    }

    @Test func circuitOpensStopsCallingAndHalfOpensLater() async throws {
        try await Support.withSimulator(options: .init(faults: .init(errorRate: 1))) { simulator, port in
            let options = Support.clientOptions(port: port) {
                $0.retry.maxAttempts = 2
                $0.circuitBreaker = .init(failureThreshold: 3, coolDown: .seconds(2))
            }
            try await Support.withClient(options) { client in
                let ids = [Support.id(Support.alive.nationalID)]
                _ = await expectUnavailable { _ = try await client.lookup(ids) }
                #expect(simulator.stats.lookupRequests == 2)
                #expect(client.circuitState == .closed(consecutiveFailures: 2))

                // The third failure opens the breaker; no retry is attempted after it opens.
                let opening = await expectUnavailable { _ = try await client.lookup(ids) }
                #expect(simulator.stats.lookupRequests == 3)
                #expect(opening?.reason.contains("serverError") == true)
                guard case .open = client.circuitState else {
                    Issue.record("expected an open breaker, got \(client.circuitState)")
                    return
                }

                // While open: rejected at once, the server sees nothing.
                for _ in 0..<5 {
                    let rejected = await expectUnavailable { _ = try await client.lookup(ids) }
                    #expect(rejected?.reason.contains("circuit breaker open") == true)
                }
                #expect(simulator.stats.lookupRequests == 3)

                // The registry recovers; after the cool-down one probe goes through and closes the breaker.
                simulator.setFaults(.none)
                try await Support.waitUntil("the breaker to let a probe through") {
                    (try? await client.lookup(ids))?.count == 1
                }
                #expect(simulator.stats.lookupRequests == 4, "exactly one probe reached the server")
                #expect(client.circuitState == .closed(consecutiveFailures: 0))
                #expect(try await client.lookup(ids).count == 1)
            }
        }
    }

    @Test func largeLookupsAreSplitIntoBatchesOfAtMost1000() async throws {
        let known = (0..<1200).map { n in
            RegistryRow(nationalID: String(format: "0791%08d", n), fullName: "Người Số \(n)", dateOfBirth: "1950", sex: "F")
        }
        try await Support.withSimulator(rows: known) { simulator, port in
            try await Support.withClient(Support.clientOptions(port: port)) { client in
                let unknown = (0..<1145).map { Support.id(String(format: "0011%08d", $0)) }
                let ids = known.map { Support.id($0.nationalID) } + unknown
                let duplicated = ids + ids.prefix(10)
                let found = try await client.lookup(duplicated.shuffled())
                #expect(found.count == 1200)
                #expect(found[Support.id(known[1199].nationalID)]?.fullName == "Người Số 1199")
                #expect(unknown.allSatisfy { found[$0] == nil })
            }
            #expect(simulator.stats.served == 3, "2345 distinct IDs make three requests")
            #expect(simulator.stats.idsLookedUp == 2345)
            #expect(simulator.stats.badRequests == 0)
        }
    }

    @Test func smallerConfiguredBatchesAreHonoured() async throws {
        try await Support.withSimulator { simulator, port in
            try await Support.withClient(Support.clientOptions(port: port) { $0.batchSize = 1 }) { client in
                let ids = [Support.alive, Support.partial, Support.deceased].map { Support.id($0.nationalID) }
                let found = try await client.lookup(ids)
                #expect(found.count == 3)
            }
            #expect(simulator.stats.served == 3)
        }
    }
}
