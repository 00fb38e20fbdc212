import AMQP
import Foundation
import Logging
import PensionDomain
import PensionOperations
import ServiceLifecycle
import Synchronization
import Testing
@testable import PensionWorkers

/// `POST /api/registrations` on the progress server, over a real socket, into the real broker.
@Suite struct RegistrationIntakeTests {
    @Test func aJSONRequestBecomesARegisterTaskAndBadOnesGetAClearAnswer() async throws {
        let fixture = try await WorkerFixture("intake")
        _ = try await fixture.seed(3)
        let intake = RegistrationIntake(store: fixture.store, topology: fixture.topology)
        let url = fixture.url
        let logger = fixture.logger
        let port = Mutex(0)
        let server = ProgressServer(port: 0, logger: logger, onListening: { bound in port.withLock { $0 = bound } }, registrations: { body in
            let connection = try await AMQPConnection.connect(url, name: "intake-test", logger: logger)
            try await connection.enablePublisherConfirms()
            let result = try await intake.submit(body, on: connection)
            await connection.close()
            switch result {
            case .accepted(let taskID, _): return (202, #"{"task_id":"\#(taskID)"}"#)
            case .invalid(let code, let field, _): return (400, #"{"error":"\#(code)","field":"\#(field ?? "")"}"#)
            case .unknownBeneficiary: return (404, #"{"error":"unknown_beneficiary"}"#)
            }
        }) { throw CancellationError() }
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var bound = 0
            for _ in 0..<1500 where bound == 0 {
                bound = port.withLock { $0 }
                if bound == 0 { try await Task.sleep(for: .milliseconds(20)) }
            }
            try #require(bound > 0, "the server listens")
            func post(_ json: String) async throws -> (Int, String) {
                let result = try await runCommandAsync("/usr/bin/curl", ["-s", "-m", "30", "-w", "\n%{http_code}", "-H", "Content-Type: application/json",
                                                             "--data-binary", json, "http://127.0.0.1:\(bound)/api/registrations"])
                let lines = result.output.split(separator: "\n")
                return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
            }
            let valid = #"{"national_id":"079140000000","bank_bin":"970436","bank_account":"0011000100000","holder_name":"NGUYEN VAN HUNG","channel":"web","requested_at":"2026-11-20T03:00:00Z"}"#
            let accepted = try await post(valid)
            #expect(accepted.0 == 202)
            #expect(accepted.1.contains("register-"))
            let invalid = try await post(valid.replacingOccurrences(of: #""bank_bin":"970436""#, with: #""bank_bin":"97x436""#))
            #expect(invalid.0 == 400)
            #expect(invalid.1.contains("bank_bin"))
            #expect(try await post("{not json").0 == 400)
            #expect(try await post(valid.replacingOccurrences(of: "079140000000", with: "001999999999")).0 == 404)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let queued = try await fixture.drain(fixture.topology.workQueue(.register))
        #expect(queued.count == 1)
        #expect(queued.first?.routingKey == "register.79")
        let task = try TaskDecoder.decodeRegister(try #require(queued.first).body).get()
        #expect(task.request.nationalID.digits == "079140000000")
        await fixture.cleanUp()
    }
}
