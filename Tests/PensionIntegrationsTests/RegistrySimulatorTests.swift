import AsyncHTTPClient
import Foundation
import NIOCore
import PensionIntegrations
import ServiceLifecycle
import Testing

/// The simulator's own behaviour, spoken to with a bare HTTP client.
@Suite struct RegistrySimulatorTests {
    typealias Support = RegistryTestSupport

    func post(_ port: Int, body: String, key: String? = nil) async throws -> (status: UInt, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(RegistryHTTPContract.lookupPath)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, String(buffer: bytes))
    }

    @Test func servesHealthAndTheContract() async throws {
        try await Support.withSimulator(options: .init(apiKey: "k")) { simulator, port in
            #expect(port > 0)
            let health = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(10))
            #expect(health.status == .ok)
            #expect(simulator.stats.healthChecks == 1)

            let ok = try await post(port, body: #"{"national_ids": ["079150000001", "079150999999"]}"#, key: "k")
            #expect(ok.status == 200)
            #expect(ok.body.contains(#""national_id":"079150000001""#) && !ok.body.contains("079150999999"))

            #expect(try await post(port, body: #"{"national_ids": ["079150000001"]}"#).status == 401)
            #expect(try await post(port, body: #"{"national_ids": []}"#, key: "k").status == 400)
            #expect(try await post(port, body: #"{"national_ids": ["123456789"]}"#, key: "k").status == 400)
            #expect(try await post(port, body: "not json", key: "k").status == 400)
            let tooMany = (0..<1001).map { String(format: "\"0791%08d\"", $0) }.joined(separator: ",")
            #expect(try await post(port, body: #"{"national_ids": [\#(tooMany)]}"#, key: "k").status == 400)
            #expect(simulator.stats.badRequests == 4)
            #expect(simulator.stats.lookupRequests == 6)
        }
    }

    @Test func injectsScriptedFaultsInOrderWithRetryAfter() async throws {
        try await Support.withSimulator { simulator, port in
            simulator.enqueueFaults([.throttle(retryAfterSeconds: 7), .error])
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(RegistryHTTPContract.lookupPath)")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: #"{"national_ids": ["079150000001"]}"#))
            let throttled = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers.first(name: "Retry-After") == "7")
            #expect(try await post(port, body: #"{"national_ids": ["079150000001"]}"#).status == 503)
            #expect(try await post(port, body: #"{"national_ids": ["079150000001"]}"#).status == 200)
            #expect(simulator.stats.throttled == 1 && simulator.stats.errors == 1 && simulator.stats.served == 1)
        }
    }

    @Test func errorRateOfOneAlwaysFailsAndZeroNever() async throws {
        try await Support.withSimulator(options: .init(faults: .init(errorRate: 1))) { simulator, port in
            for _ in 0..<3 {
                let answer = try await post(port, body: #"{"national_ids": ["079150000001"]}"#)
                #expect(answer.status == 503)
            }
            simulator.setFaults(.init(addedLatency: .milliseconds(20)))
            for _ in 0..<3 {
                let answer = try await post(port, body: #"{"national_ids": ["079150000001"]}"#)
                #expect(answer.status == 200)
            }
            #expect(simulator.stats.errors == 3 && simulator.stats.served == 3)
        }
    }

    @Test func listeningPortFailsWhenTheServerCannotBind() async throws {
        try await Support.withSimulator { _, port in
            // A second simulator on the same, taken port cannot start.
            let clash = RegistrySimulator(
                database: try Support.makeDatabase(), options: .init(port: port), logger: Support.logger)
            await #expect(throws: (any Error).self) {
                try await clash.withRunningServer { _ in }
            }
        }
    }

    @Test func runsAsAServiceAndStopsOnGracefulShutdownDespiteAHeldRequest() async throws {
        let faults = RegistryFaults(timeoutRate: 1, timeoutHold: .seconds(120))
        let simulator = RegistrySimulator(
            database: try Support.makeDatabase(), options: .init(faults: faults), logger: Support.logger)
        let group = ServiceGroup(configuration: .init(services: [simulator], logger: Support.logger))
        let clock = ContinuousClock()
        let started = clock.now
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try await simulator.listeningPort()
            tasks.addTask { _ = try? await self.post(port, body: #"{"national_ids": ["079150000001"]}"#) }
            try await Support.waitUntil("the request to be held") { simulator.stats.timedOut == 1 }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        // Far below the 120 s hold: the held request did not keep the server up.
        #expect(clock.now - started < .seconds(60))
        await #expect(throws: RegistrySimulator.NotListening.self) { try await simulator.listeningPort() }
    }
}
