import Foundation
import PensionDomain
import PensionIntegrations
import PensionStore
import Testing
@testable import PensionWorkers

/// The outreach worker killed with SIGKILL mid-batch: no beneficiary gets two messages at the
/// gateway, and every planned notice ends sent (or failed with its reason).
@Suite struct OutreachCrashTests {
    @Test func aKilledOutreachWorkerNeverSendsTwice() async throws {
        let fixture = try await OutreachFixture("outreach-kill")
        let count = 1500
        let tasks = try await fixture.seed(count)
        try await fixture.publish(tasks)
        func start(_ name: String) throws -> Process {
            let process = Process()
            process.executableURL = try pensionpayExecutable()
            process.arguments = ["worker", "outreach", "--db", fixture.base.dbPath] + fixture.base.topology.arguments + [
                                 "--gateway-url", "http://127.0.0.1:\(fixture.port)", "--quiet-hours", "00:00-00:00",
                                 "--rate-per-second", "100000", "--prefetch", "200", "--batch", "50",
                                 "--name", "\(fixture.base.topology.namespace) \(name)", "--log-level", "warning"]
            var environment = ProcessInfo.processInfo.environment
            environment["PENSIONPAY_AMQP_URL"] = fixture.base.url.rawValue
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        var worker = try start("first")
        #expect(await eventually { fixture.simulator.sent.count >= count / 5 })
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        #expect(fixture.simulator.sent.count < count, "the kill should land mid-run")
        worker = try start("second")
        #expect(try await eventually(timeout: .seconds(120)) { try fixture.count(.sent) + fixture.count(.failed) == count })
        worker.terminate()
        worker.waitUntilExit()

        let sent = fixture.simulator.sent
        #expect(sent.count == count, "one message per beneficiary at the gateway")
        #expect(Set(sent.map(\.message.recipient)).count == count)
        #expect(Set(sent.map(\.message.noticeID)).count == count)
        #expect(try fixture.count(.sent) == count && fixture.count(.sending) == 0)
        #expect(try await fixture.base.messageCount(fixture.base.topology.deadQueue) == 0)
        await fixture.cleanUp()
    }
}
