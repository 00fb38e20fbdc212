import AMQP
import Foundation
import Testing
@testable import PensionWorkers

/// A verify worker process over amqps://, against the node of `faults/tls-broker start`.
/// scripts/test runs it with PENSIONPAY_TLS_TEST=1 after `eval "$(faults/tls-broker env)"`;
/// with the flag set and no TLS node, it fails.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PENSIONPAY_TLS_TEST"] == "1"))
struct TLSBrokerWorkerTests {
    @Test func aVerifyWorkerProcessWorksOverAMQPS() async throws {
        guard let amqps = ProcessInfo.processInfo.environment["PENSIONPAY_TLS_AMQPS_URL"] else {
            throw TestSetupError("PENSIONPAY_TLS_AMQPS_URL is not set: run `faults/tls-broker start` and `eval \"$(faults/tls-broker env)\"`")
        }
        let fixture = try await WorkerFixture("tls", url: amqps)
        #expect(fixture.url.primary.tls)
        let count = 600
        try await fixture.publish(try await fixture.seed(count))
        let worker = try startWorkerProcess(fixture, name: "tls")
        #expect(try await eventually(timeout: .seconds(120)) { try fixture.store.verificationCount() == count })
        worker.terminate()
        #expect(await waitForExit(worker))
        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0)
        #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0)
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0)
        // Follow-ups went out over TLS too: every 20th person is a verified cash-paid match.
        let outreach = try await fixture.drain(fixture.topology.workQueue(.outreach))
        #expect(Set(outreach.compactMap(\.properties.messageID)).count == (0..<count).filter { $0 % 4 == 0 && $0 % 5 == 0 }.count)
        await fixture.cleanUp()
    }
}
