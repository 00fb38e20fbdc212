import AMQP
import Foundation
import GRDB
import PensionDomain
import PensionStore
import PensionTesting
import Testing
@testable import PensionWorkers

/// Hostile input against the real broker, a real worker process and real SQLite (issue 8).
@Suite struct HostileInputTests {
    /// 10,000 random and mutated messages among 300 good tasks: every message is accounted for once
    /// (completed or parked with a reason), every good task is recorded, the worker neither crashes
    /// nor loops, and its memory stays bounded.
    @Test func tenThousandHostileMessagesAreParkedWithReasonsAndGoodTasksStillGo() async throws {
        let fixture = try await WorkerFixture("hostile")
        let good = try await fixture.seed(300, kinds: [.match])
        let bodies = good.map { $0.encodedJSON() }
        var input = HostileInput(seed: 20_261_126)
        var messages: [AMQPOutgoingMessage] = []
        var bigBodies = 0
        for i in 0..<10_000 {
            var (_, body) = input.body(from: bodies[i % bodies.count])
            // A few bodies over 100 kB are enough to prove the size check; hundreds would only load the broker.
            if body.count > 100_000 {
                bigBodies += 1
                if bigBodies > 10 { body = Array(body.prefix(100_000)) }
            }
            messages.append(AMQPOutgoingMessage(exchange: fixture.topology.tasksExchange, routingKey: "verify.79", body: body,
                                                properties: AMQPProperties(contentType: "application/json", messageID: "hostile-\(i)")))
        }
        messages += good.map { VerifyTask.message($0, topology: fixture.topology) }
        try await fixture.publishRaw(messages.shuffled(using: &input.random))

        let port = try freeHTTPPort()
        let worker = try startWorkerProcess(fixture, name: "hostile", httpPort: port)
        var peakKiB = 0
        var accounted = 0
        let settled = try await eventually(timeout: .seconds(240)) {
            peakKiB = max(peakKiB, peakResidentKiB(worker.processIdentifier))
            let metrics = try await runCommandAsync("/usr/bin/curl", ["-s", "-m", "2", "http://127.0.0.1:\(port)/metrics"]).output
            accounted = counter(metrics, "completed") + counter(metrics, "parked")
            return accounted >= messages.count || !worker.isRunning
        }
        #expect(settled)
        #expect(worker.isRunning, "the worker survived")
        peakKiB = max(peakKiB, peakResidentKiB(worker.processIdentifier))
        let metrics = try await runCommandAsync("/usr/bin/curl", ["-s", "-m", "2", "http://127.0.0.1:\(port)/metrics"]).output
        #expect(accounted == messages.count, "each message completed or parked exactly once")
        #expect(counter(metrics, "retried") == 0, "hostile input is never retried")
        worker.terminate()
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
        #expect(peakKiB > 0 && peakKiB < 160 * 1024, "peak RSS \(peakKiB / 1024) MiB")

        let recorded = try await fixture.store.recordedVerifications(good.map(\.verificationKey))
        #expect(recorded.count == good.count, "every good task recorded")
        let parked = try await fixture.drain(fixture.topology.deadQueue)
        #expect(parked.count == counter(metrics, "parked"))
        #expect(parked.count > 9_000)
        #expect(parked.allSatisfy { ($0.properties.headers[TaskHeaders.reason]?.stringValue ?? "").isEmpty == false })
        #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0, "nothing loops back")
        await fixture.cleanUp()
    }

    /// 5,000 mutated roster rows (formulas, SQL, NUL bytes, invalid dates, broken quoting): every row
    /// is either imported or rejected with its line, values are stored verbatim, and the import never crashes.
    @Test func mutatedRosterRowsAreEachImportedOrRejected() async throws {
        let fixture = try await WorkerFixture("hostile-csv")
        var input = HostileInput(seed: 7)
        var lines = ["national_id,full_name,date_of_birth,sex,province_code,commune_code,phone,payment_method"]
        for i in 0..<5_000 {
            var fields = [String(format: "0791%08d", 50_000_000 + i), "Nguyễn Văn An", "1950-03-07", "M", "79", "26734", "0912345678", "cash"]
            let column = Int.random(in: 0..<fields.count, using: &input.random)
            fields[column] = HostileInput.hostileStrings.randomElement(using: &input.random)!
            if i % 7 == 0 { fields[1] = "=cmd|' /C calc'!A0" }
            if i % 11 == 0 { fields[1] = "Robert'); DROP TABLE beneficiaries;--" }
            lines.append(fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ","))
        }
        let path = fixture.directory.appendingPathComponent("hostile.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)
        let rejects = fixture.directory.appendingPathComponent("hostile.rejects.csv").path
        let connection = try await fixture.connect("hostile import")
        try await connection.enablePublisherConfirms()
        let summary = try await RosterImporter(store: fixture.store, publisher: connection, topology: fixture.topology, period: fixture.period)
            .run(path: path.path, rejectsPath: rejects)
        await connection.close()
        #expect(summary.stoppedEarly == nil)
        #expect(summary.rows == 5_000)
        #expect(summary.inserted + summary.rejected == 5_000)
        #expect(summary.rejected > 0 && summary.inserted > 0)
        // Formulas echoed from the input into the rejects file are neutralised.
        let rejectText = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(rejectText.contains(",'=cmd"))
        #expect(!rejectText.contains(",=cmd") && !rejectText.contains(",\"=cmd"))
        // SQL metacharacters are data: the table is still there and the names are stored as written.
        let names = try await fixture.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT full_name FROM beneficiaries WHERE full_name LIKE '%DROP TABLE%' OR full_name LIKE '=cmd%'")
        }
        #expect(Set(names).isSuperset(of: ["Robert'); DROP TABLE beneficiaries;--", "=cmd|' /C calc'!A0"]))
        await fixture.cleanUp()
    }
}

/// The `pensionpay_tasks_total{kind="verify",result=…}` value in a Prometheus text page.
private func counter(_ page: String, _ result: String) -> Int {
    let prefix = "pensionpay_tasks_total{kind=\"verify\",result=\"\(result)\"} "
    guard let line = page.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return 0 }
    return Int(Double(line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) ?? 0)
}

/// VmHWM (peak resident set) of a process in KiB, or 0 when it is gone.
func peakResidentKiB(_ pid: Int32) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
}
