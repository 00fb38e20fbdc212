import AMQP
import Foundation
import Testing
@testable import PensionWorkers

/// The broker URL setting of the `pensionpay` executable takes a list of nodes (in the
/// environment, the flag or the URL file), against the local broker.
@Suite struct BrokerListCommandTests {
    /// Runs `pensionpay ARGUMENTS` with extra environment; returns the status and standard error.
    func pensionpay(_ arguments: [String], environment extra: [String: String]) async throws -> (status: Int32, errors: String) {
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PENSIONPAY_AMQP_URL") }
            .merging(extra) { $1 }
        let (status, errors) = try await runProcess(try pensionpayExecutable(), arguments, environment: environment,
                                                    capturing: .standardError)
        return (status, errors)
    }

    @Test func aURLFileWithOneNodePerLineSkipsTheUnreachableOne() async throws {
        let fixture = try await WorkerFixture("url-list")
        let setup = try await fixture.connect("undeclare")
        try await fixture.topology.delete(on: setup)   // the command below declares it again, through the list
        await setup.close()
        let file = fixture.directory.appendingPathComponent("amqp-url")
        let dead = "amqp://guest:not-this-one@127.0.0.1:1/%2F?connection_timeout=1"
        try "\(dead)\n\(fixture.url.rawValue)\n".write(to: file, atomically: true, encoding: .utf8)
        for _ in 0..<2 {   // whichever node the rotation starts at
            let result = try await pensionpay(["topology", "declare"] + fixture.topology.arguments,
                                              environment: ["PENSIONPAY_AMQP_URL_FILE": file.path])
            #expect(result.status == 0, "\(result.errors)")
            #expect(!result.errors.contains("not-this-one"), "passwords stay out of the log")
        }
        #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0, "declared through the list")
        await fixture.cleanUp()
    }

    @Test func aBadEntryIsAUsageErrorNamingItsPosition() async throws {
        let result = try await pensionpay(["topology", "declare", "--namespace", "test.never-declared"],
                                          environment: ["PENSIONPAY_AMQP_URL": "amqp://guest:guest@127.0.0.1:5672/%2F,amqp://h2/%2F?bogus=1"])
        #expect(result.status == 64)
        #expect(result.errors.contains("broker URI 2 of 2"), "\(result.errors)")
    }
}
