import AMQP
import Foundation
import GRDB
import PensionDomain
import PensionStore
import Testing
@testable import PensionWorkers

/// Crashes and connection losses: every task ends with exactly one outcome.
@Suite struct CrashRecoveryTests {
    @Test func aWorkerKilledWithSIGKILLMidRunLosesNothingAndDoublesNothing() async throws {
        let fixture = try await WorkerFixture("sigkill")
        let tasks = try await fixture.seed(10_000)
        try await fixture.publish(tasks)

        var worker = try startWorkerProcess(fixture, name: "first")
        #expect(try await eventually { try fixture.store.verificationCount() >= 2500 })
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        let atKill = try fixture.store.verificationCount()
        #expect(atKill < 10_000, "the kill should land mid-run")

        worker = try startWorkerProcess(fixture, name: "second")
        #expect(try await eventually(timeout: .seconds(120)) { try fixture.store.verificationCount() == 10_000 })
        // The killed relay's leased rows go out once its lease (10 s) runs out.
        #expect(try await eventually(timeout: .seconds(60)) { try fixture.store.pendingOutboxCount() == 0 })
        // Graceful stop: SIGTERM drains and exits 0.
        worker.terminate()
        worker.waitUntilExit()
        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0)

        let distinct = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT task_id) FROM verifications") }
        #expect(distinct == 10_000)
        // The state followed every outcome once: the second worker's folder took in what the killed
        // one left unfolded, and a redelivered task moved no status twice.
        #expect(try await fixture.store.unfoldedOutcomeCount() == 0)
        let state = try await fixture.store.pool.read { db in
            try [
                Int.fetchOne(db, sql: "SELECT COUNT(*) FROM beneficiaries WHERE last_verified_period = ?", arguments: [fixture.period.description]),
                Int.fetchOne(db, sql: "SELECT COUNT(*) FROM beneficiaries WHERE status != 'active'"),
                Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit WHERE field = 'status'"),
                Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT national_id FROM audit WHERE field = 'status' GROUP BY national_id HAVING COUNT(*) > 1)"),
            ]
        }
        #expect(state[0] == 10_000, "every beneficiary's state carries the period")
        #expect(state[1] ?? 0 > 0 && state[2] == state[1], "one audit row per status change")
        #expect(state[3] == 0, "no beneficiary's status moved twice")
        #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0)
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0)
        // Follow-ups: each at least once (a kill between publish and mark may repeat one), never lost.
        let outreach = try await fixture.drain(fixture.topology.workQueue(.outreach))
        #expect(Set(outreach.compactMap(\.properties.messageID)).count == (0..<10_000).filter { $0 % 4 == 0 && $0 % 5 == 0 }.count)
        await fixture.cleanUp()
    }

    @Test func droppedBrokerConnectionsAreRebuiltAndNothingIsLost() async throws {
        let fixture = try await WorkerFixture("dropped")
        let tasks = try await fixture.seed(6000)
        try await fixture.publish(tasks)
        let status = WorkerStatus()
        let worker = fixture.makeWorker(name: "dropper", status: status)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            for round in 1...2 {
                #expect(try await eventually { try fixture.store.verificationCount() >= round * 1500 })
                #expect(try await closeBrokerConnections(matching: fixture.topology.namespace) >= 1)
            }
            #expect(try await eventually(timeout: .seconds(120)) { try fixture.store.verificationCount() == 6000 })
            #expect(await eventually { status.isConsuming })
            worker.stop()
            try await group.waitForAll()
        }
        #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0)
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0)
        await fixture.cleanUp()
    }
}

/// Restarts the whole broker, so it cannot share the broker with other tests: scripts/test runs
/// it on its own after the main run (PENSIONPAY_BROKER_RESTART_TEST=1).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PENSIONPAY_BROKER_RESTART_TEST"] == "1"))
struct BrokerRestartTests {
    @Test func workersRecoverByThemselvesWhenTheBrokerRestarts() async throws {
        let fixture = try await WorkerFixture("restart")
        let tasks = try await fixture.seed(8000)
        try await fixture.publish(tasks)
        let port = try freeHTTPPort()
        let ready = "http://127.0.0.1:\(port)/readyz"
        let workers = try [startWorkerProcess(fixture, name: "a", httpPort: port), startWorkerProcess(fixture, name: "b")]
        #expect(try await eventually { try await httpStatus(ready) == 200 }, "ready while consuming")
        #expect(try await eventually { try fixture.store.verificationCount() >= 1500 })
        #expect(try await runCommandAsync("/usr/sbin/rabbitmqctl", ["stop_app"]).status == 0)
        #expect(try await eventually(timeout: .seconds(20)) { try await httpStatus(ready) == 503 }, "not ready without the broker")
        #expect(try await httpStatus("http://127.0.0.1:\(port)/healthz") == 200, "still alive")
        try await Task.sleep(for: .seconds(1))
        #expect(try await runCommandAsync("/usr/sbin/rabbitmqctl", ["start_app"]).status == 0)
        #expect(try await eventually(timeout: .seconds(60)) { try await httpStatus(ready) == 200 }, "ready again after the broker returns")
        #expect(try await eventually(timeout: .seconds(180)) { try fixture.store.verificationCount() == 8000 })
        let metrics = try await runCommandAsync("/usr/bin/curl", ["-s", "-m", "2", "http://127.0.0.1:\(port)/metrics"]).output
        #expect(metrics.contains("pensionpay_tasks_total{kind=\"verify\",result=\"completed\"}"))
        #expect(metrics.contains("pensionpay_consumer_up{kind=\"verify\"} 1"))
        for worker in workers { worker.terminate() }
        for worker in workers { worker.waitUntilExit() }
        #expect(workers.allSatisfy { $0.terminationStatus == 0 })
        #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0)
        #expect(try await fixture.messageCount(fixture.topology.deadQueue) == 0)
        await fixture.cleanUp()
    }
}

/// The register worker killed mid-run: every request ends with exactly one decision and no
/// beneficiary is switched twice.
@Suite struct RegisterCrashTests {
    @Test func aRegisterWorkerKilledWithSIGKILLDecidesEachRequestOnce() async throws {
        let base = try await WorkerFixture("register-kill")
        let f = RegisterFixture(base: base)
        let count = 2000
        var tasks: [RegisterTask] = []
        var accounts = "bank_bin,bank_account,holder_name\n"
        for n in 1...count {
            try await f.person(n)
            let account = "0071" + String(format: "%09d", n)
            accounts += "970436,\(account),NGUYEN VAN HUNG\n"
            tasks.append(RegisterFixture.task(RegisterFixture.request(n, account: account)))
        }
        let accountsPath = base.directory.appendingPathComponent("accounts.csv").path
        try accounts.write(toFile: accountsPath, atomically: true, encoding: .utf8)
        try await f.publish(tasks)

        func start(_ name: String) throws -> Process {
            let process = Process()
            process.executableURL = try pensionpayExecutable()
            process.arguments = ["worker", "register", "--db", base.dbPath] + base.topology.arguments + [
                                 "--bank-accounts", accountsPath, "--prefetch", "200", "--batch", "50",
                                 "--name", "\(base.topology.namespace) \(name)", "--log-level", "warning"]
            var environment = ProcessInfo.processInfo.environment
            environment["PENSIONPAY_AMQP_URL"] = base.url.rawValue
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        var worker = try start("first")
        #expect(try await eventually { try f.registrationCount() >= count / 4 })
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        #expect(try f.registrationCount() < count, "the kill should land mid-run")
        worker = try start("second")
        #expect(try await eventually(timeout: .seconds(120)) { try f.registrationCount() == count })
        worker.terminate()
        worker.waitUntilExit()
        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0)

        #expect(try base.store.registrationDecisionCounts() == ["registered": count])
        let switches = try await base.store.pool.read { db in
            try [Int.fetchOne(db, sql: "SELECT COUNT(*) FROM payment_switches") ?? -1,
                 Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT national_id) FROM payment_switches") ?? -1,
                 Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT task_id) FROM registrations") ?? -1]
        }
        #expect(switches == [count, count, count], "one switch per beneficiary, one decision per request")
        #expect(try await base.messageCount(base.topology.workQueue(.register)) == 0)
        #expect(try await base.messageCount(base.topology.deadQueue) == 0)
        await base.cleanUp()
    }
}
