import AMQP
import Foundation
import GRDB
import PensionDomain
import PensionStore
import Logging
import Synchronization
import Testing
@testable import PensionWorkers

/// Verify worker processes given the three nodes as one comma-separated URL, while a node
/// crashes and the work queue's leader is stopped: every task still gets exactly one outcome.
/// Needs the cluster of `faults/cluster start` (127.0.0.1:5681-5683): scripts/test starts it after
/// the main run and runs this suite alone with PENSIONPAY_CLUSTER_TEST=1. With the flag set and no
/// cluster, it fails.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PENSIONPAY_CLUSTER_TEST"] == "1"), .serialized)
struct ClusterFailoverTests {
    /// The nodes, as workers get them: one comma-separated PENSIONPAY_AMQP_URL.
    static let urls = ProcessInfo.processInfo.environment["PENSIONPAY_CLUSTER_AMQP_URL"]
        ?? (1...3).map { "amqp://guest:guest@127.0.0.1:\(5680 + $0)/%2F?heartbeat=5&connection_timeout=5" }.joined(separator: ",")

    /// Whatever was parked says why (our park reason, or the broker's x-death for a delivery
    /// limit). The reasons, not the deliveries, are expanded on failure: a delivery's body bytes
    /// fill CI's summary before its headers say why.
    static func expectNothingParked(_ fixture: WorkerFixture) async throws {
        let parked = try await fixture.drain(fixture.topology.deadQueue).map { ParkedMessage($0) }
        #expect(parked.map(\.reason).isEmpty, "nothing parked; parked: \(parked.prefix(5))")
    }

    @Test func verifyWorkersRideOutANodeCrashAndTheLeaderStopping() async throws {
        let count = 30_000
        for url in try AMQPEndpoints(Self.urls).urls {
            // Each node on its own first, so a missing cluster fails here with a clear message.
            let probe = try await AMQPConnection.connect(url, name: "cluster-probe", logger: Logger(label: "cluster-tests"))
            await probe.close()
        }
        let fixture = try await WorkerFixture("cluster", url: Self.urls)
        let queue = fixture.topology.workQueue(.verify)
        let tasks = try await fixture.seed(count)
        // Half now, half after the first fault: each fault then surely lands while work is left.
        let half = count / 2
        try await fixture.publish(Array(tasks[..<half]))
        #expect(try await fixture.messageCount(queue) == half)

        let port = try freeHTTPPort()
        let ready = "http://127.0.0.1:\(port)/readyz"
        let logs = ["a", "b"].map { fixture.directory.appendingPathComponent("worker-\($0).log") }
        let workers = try [startWorkerProcess(fixture, name: "a", httpPort: port, logFile: logs[0]),
                           startWorkerProcess(fixture, name: "b", logFile: logs[1])]
        let progress = ProgressLog()
        let sampler = Task { await progress.sample(every: .milliseconds(100)) { try? fixture.store.verificationCount() } }
        #expect(try await eventually { try await httpStatus(ready) == 200 }, "ready while consuming: worker a \(describe(workers[0], log: logs[0]))")
        let began = ContinuousClock.now
        #expect(try await eventually(timeout: .seconds(120)) { try fixture.store.verificationCount() >= half / 10 })

        // 1. Crash (SIGKILL) of the node that serves worker a's consumer: the socket drops and the
        //    worker must go on through another node by itself.
        let consumerName = "\(fixture.topology.namespace) a consumer"
        var crashed = 0
        #expect(try await eventually { crashed = try await Cluster.node(ofConnection: consumerName); return crashed != 0 })
        let atKill = try fixture.store.verificationCount()
        let killed = ContinuousClock.now
        #expect(try await Cluster.run("kill-node", "\(crashed)").status == 0, "faults/cluster kill-node \(crashed)")
        #expect(atKill < half, "the crash should land mid-run")
        #expect(try await eventually(timeout: .seconds(60)) {
            let now = try await Cluster.node(ofConnection: consumerName)
            return now != 0 && now != crashed
        }, "worker a consumes through another node")
        let crashRestarted = ContinuousClock.now
        #expect(try await Cluster.run("start-node", "\(crashed)").status == 0, "faults/cluster start-node \(crashed)")
        let crashRestartTook = ContinuousClock.now - crashRestarted

        // 2. Graceful stop of the verify queue's leader (its clients get 320 CONNECTION_FORCED),
        //    as soon as the second half is in the queue.
        let leader = try await Cluster.leader(of: queue)
        try await fixture.publish(Array(tasks[half...]))
        let atStop = try fixture.store.verificationCount()
        let stopped = ContinuousClock.now
        let stop = try await Cluster.run("stop-node", "\(leader)")
        let stopTook = ContinuousClock.now - stopped
        #expect(stop.status == 0, "faults/cluster stop-node \(leader)")
        #expect(atStop < count, "the stop should land mid-run")
        // Producers: with the node down, every new connection through the list lands on a live
        // node, whichever host the rotation starts at.
        let outagePublish = ContinuousClock.now
        for round in 0..<3 {
            let connection = try await fixture.connect("outage-producer-\(round)")
            #expect(connection.url.port != 5680 + leader, "connected to the stopped node")
            try await connection.enablePublisherConfirms()
            try await connection.publish(tasks[(round * 300)..<((round + 1) * 300)].map { VerifyTask.message($0, topology: fixture.topology) })
            await connection.close()
        }
        let outagePublishTook = ContinuousClock.now - outagePublish
        let newLeader = try await Cluster.leader(of: queue)
        #expect(newLeader != leader, "a new leader took over")
        let restarted = ContinuousClock.now
        #expect(try await Cluster.run("start-node", "\(leader)").status == 0, "faults/cluster start-node \(leader)")
        let startTook = ContinuousClock.now - restarted

        #expect(try await eventually(timeout: .seconds(300)) { try fixture.store.verificationCount() == count }, "every task recorded")
        try await Task.sleep(for: .milliseconds(300))   // one more sample
        let finished = progress.reached(count) ?? ContinuousClock.now
        // With every node back: tasks published again through the list are recognised as done.
        try await fixture.publish(Array(tasks[1000..<1500]))
        #expect(try await eventually(timeout: .seconds(120)) { try await fixture.messageCount(queue) == 0 }, "the queue drains")
        #expect(try await eventually { try await httpStatus(ready) == 200 }, "ready at the end")
        sampler.cancel()
        _ = await sampler.value

        for worker in workers { worker.terminate() }
        for worker in workers { #expect(await waitForExit(worker), "worker exits after SIGTERM") }
        #expect(workers.allSatisfy { $0.terminationReason == .exit && $0.terminationStatus == 0 },
                "workers drain and exit 0: \(zip(workers, logs).map { describe($0, log: $1, lines: 5) })")

        #expect(try fixture.store.verificationCount() == count)
        let distinct = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT task_id) FROM verifications") }
        #expect(distinct == count, "one outcome per task")
        #expect(try await fixture.messageCount(queue) == 0)
        try await Self.expectNothingParked(fixture)

        let gaps = try logs.map { try WorkerLog(contentsOf: $0).reconnectGaps() }
        #expect(!gaps[0].isEmpty, "worker a logged losing its consumer and consuming again")
        #expect(gaps.joined().allSatisfy { $0 < .seconds(10) }, "each worker consumed again within seconds: \(gaps)")
        print("""
            cluster failover timings: \(count) tasks, 2 worker processes; all recorded \(seconds(finished - began)) after the first 10 % \
            (half published at the start, half after the first fault).
              1. kill-node \(crashed) (worker a's consumer) with \(atKill) done; longest stretch without a new outcome in the first half \
            \(seconds(progress.longestStall(after: killed, before: progress.reached(half) ?? stopped, total: half))); start-node took \(seconds(crashRestartTook)).
              2. stop-node \(leader) (the queue leader) with \(atStop) done\(atStop == count ? " (after the run)" : ""); stop-node took \
            \(seconds(stopTook)); longest stretch without a new outcome \(seconds(progress.longestStall(after: stopped, before: max(stopped, finished), total: count))); \
            new leader node \(newLeader); 900 tasks published through the list with the node down in \(seconds(outagePublishTook)); \
            start-node took \(seconds(startTook)).
              connection lost → consuming again: worker a \(gaps[0].map(milliseconds)), worker b \(gaps[1].map(milliseconds)).
            """)
        await fixture.cleanUp()
    }
    /// The producer's side: `pensionpay import` given the three nodes loses its node to a crash
    /// mid-run, connects to another, publishes its unconfirmed batches again and finishes; the
    /// workers then record every task exactly once.
    @Test func importRidesOutTheCrashOfItsNode() async throws {
        let count = 40_000
        let fixture = try await WorkerFixture("cluster-import", url: Self.urls)
        let queue = fixture.topology.workQueue(.verify)
        let roster = try fixture.writeRoster(of: try await fixture.seed(count))
        let log = fixture.directory.appendingPathComponent("import.log")
        let output = fixture.directory.appendingPathComponent("import.out")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let importer = Process()
        importer.executableURL = try pensionpayExecutable()
        importer.arguments = ["import", roster.path, "--db", fixture.dbPath, "--period", fixture.period.description]
            + fixture.topology.arguments + ["--log-level", "info", "--log-format", "json"]
        var environment = ProcessInfo.processInfo.environment
        environment["PENSIONPAY_AMQP_URL"] = fixture.url.rawValue
        importer.environment = environment
        importer.standardOutput = try FileHandle(forWritingTo: output)
        importer.standardError = try FileHandle(forWritingTo: log)
        let began = ContinuousClock.now
        try importer.run()

        var crashed = 0
        #expect(try await eventually { crashed = try await Cluster.node(ofConnection: "pensionpay import"); return crashed != 0 }, "the import connects")
        #expect(try await eventually { try await fixture.messageCount(queue) >= count / 20 }, "the import publishes")
        let atKill = try await fixture.messageCount(queue)
        // Read before the kill: the import reconnects and may finish while kill-node waits for the
        // node's process to be gone. The "lost while publishing" line below shows the crash hit it.
        let runningAtKill = importer.isRunning
        let killed = ContinuousClock.now
        #expect(try await Cluster.run("kill-node", "\(crashed)").status == 0, "faults/cluster kill-node \(crashed)")
        let killTook = ContinuousClock.now - killed
        #expect(runningAtKill && atKill < count, "the kill is issued mid-import (\(atKill) of \(count) queued)")

        #expect(await waitForExit(importer, timeout: .seconds(300)), "the import finishes")
        if importer.isRunning { importer.terminate() }   // after a failure, leave nothing behind
        let importTook = ContinuousClock.now - began
        #expect(importer.terminationReason == .exit && importer.terminationStatus == 0, "import exits 0")
        let summary = try String(contentsOf: output, encoding: .utf8)
        #expect(summary.contains("verify tasks:     \(count) published"), "\(summary)")
        let lines = try WorkerLog(contentsOf: log).lines
        let lost = lines.first { $0["msg"]?.hasPrefix("broker connection lost while publishing") == true }
        let again = lines.first { $0["msg"] == "publishing again through a new broker connection" }
        #expect(lost != nil && again != nil, "the import logged losing its connection and publishing again")
        #expect(again?["amqp.url"]?.contains(":\(5680 + crashed)/") == false, "it went on through another node: \(again ?? [:])")
        let restarted = ContinuousClock.now
        #expect(try await Cluster.run("start-node", "\(crashed)").status == 0, "faults/cluster start-node \(crashed)")
        let startTook = ContinuousClock.now - restarted

        let worker = fixture.makeWorker()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(try await eventually(timeout: .seconds(300)) { try fixture.store.verificationCount() == count }, "every task recorded")
            #expect(try await eventually(timeout: .seconds(120)) { try await fixture.messageCount(queue) == 0 }, "the queue drains")
            worker.stop()
            try await group.waitForAll()
        }
        #expect(try fixture.store.verificationCount() == count)
        let distinct = try await fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT task_id) FROM verifications") }
        #expect(distinct == count, "one outcome per task")
        try await Self.expectNothingParked(fixture)
        let note = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("note:") }
        #expect(note != nil, "the import told the operator it reconnected")
        print("""
            cluster import failover: \(count) rows imported in \(seconds(importTook)) through a node crash; kill-node \(crashed) (the import's \
            node) with \(atKill) tasks queued \(seconds(killed - began)) into the run; kill-node took \(seconds(killTook)), start-node \(seconds(startTook)). \(note ?? "")
              the import's warnings: \(lines.filter { $0["level"] == "warning" }.map { "\($0["ts"] ?? "") \($0["msg"] ?? ""): \($0["amqp.error"] ?? "")" })
            """)
        await fixture.cleanUp()
    }
}

/// A worker's JSON log lines (`--log-format json`), read for its reconnect timeline.
struct WorkerLog {
    let lines: [[String: String]]

    init(contentsOf file: URL) throws {
        lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
    }

    /// For each "broker connection lost; reconnecting", the time until the next "consuming".
    func reconnectGaps() -> [Duration] {
        // The style JSONLogHandler writes with.
        let parse = Date.ISO8601FormatStyle().year().month().day().timeZone(separator: .omitted).time(includingFractionalSeconds: true)
        var gaps: [Duration] = []
        var lost: Date?
        for line in lines {
            guard let stamp = line["ts"].flatMap({ try? parse.parse($0) }) else { continue }
            if line["msg"] == "broker connection lost; reconnecting", lost == nil { lost = stamp }
            if line["msg"] == "consuming", let from = lost {
                gaps.append(.milliseconds(Int64(stamp.timeIntervalSince(from) * 1000)))
                lost = nil
            }
        }
        return gaps
    }
}

/// "850 ms".
func milliseconds(_ duration: Duration) -> String { "\(Int64(duration.seconds * 1000)) ms" }

/// `faults/cluster`, from the repository this test file lives in.
enum Cluster {
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("faults/cluster").path
    }

    /// Runs `faults/cluster ARGUMENTS`. Foundation's `Process` learns that a child ended when a
    /// socket the child inherited is closed; `start-node` leaves a detached RabbitMQ node behind,
    /// which would inherit that socket and hold it for its whole life (the wait would never end).
    /// So a bash in between keeps the socket and runs the script with every descriptor above 2 closed.
    static func run(_ arguments: String...) async throws -> (status: Int32, output: String) {
        let closingExtraDescriptors = #"c=(); for f in /proc/$$/fd/*; do n=${f##*/}; ((n > 2)) && c+=("$n>&-"); done; eval '"$0" "$@"' "${c[@]}""#
        return try await runCommandAsync("/bin/bash", ["-c", closingExtraDescriptors, script] + arguments)
    }

    /// The number (1…3) of the node leading a quorum queue.
    static func leader(of queue: String) async throws -> Int {
        let result = try await run("leader", queue)
        guard result.status == 0, let match = result.output.firstMatch(of: /rabbit-pp([123])@/), let node = Int(match.1) else {
            throw TestSetupError("faults/cluster leader \(queue) failed (is the cluster up? faults/cluster start): \(result.output)")
        }
        return node
    }

    /// The number of the node a client connection (by its connection name) is attached to, or 0.
    static func node(ofConnection name: String) async throws -> Int {
        for n in 1...3 {
            let listing = try await runCommandAsync("/usr/sbin/rabbitmqctl", ["-q", "-n", "rabbit-pp\(n)@localhost", "list_connections",
                                                                            "port", "client_properties", "--no-table-headers"])
            guard listing.status == 0 else { continue }   // that node is down: ask the next
            for line in listing.output.split(separator: "\n") where line.contains("\"\(name)\"") {
                if let port = Int(line.prefix { $0.isNumber }) { return port - 5680 }
            }
            return 0
        }
        throw TestSetupError("no cluster node answers rabbitmqctl list_connections")
    }
}

/// Outcome counts sampled over time, to measure how long work stood still.
final class ProgressLog: Sendable {
    private let samples = Mutex<[(at: ContinuousClock.Instant, count: Int)]>([])

    func sample(every interval: Duration, count: @Sendable () -> Int?) async {
        while !Task.isCancelled {
            if let value = count() { samples.withLock { $0.append((ContinuousClock.now, value)) } }
            try? await Task.sleep(for: interval)
        }
    }

    /// When the count first reached `total`.
    func reached(_ total: Int) -> ContinuousClock.Instant? {
        samples.withLock { $0.first { $0.count >= total }?.at }
    }

    /// The longest time between two increases of the count inside the window (the wait after
    /// the last increase counts only while the count is below `total`).
    func longestStall(after start: ContinuousClock.Instant, before end: ContinuousClock.Instant, total: Int) -> Duration {
        let inside = samples.withLock { $0.filter { $0.at >= start && $0.at <= end } }
        var longest = Duration.zero
        var lastChange = start
        var lastCount = inside.first?.count ?? 0
        for sample in inside where sample.count != lastCount {
            longest = max(longest, sample.at - lastChange)
            lastChange = sample.at
            lastCount = sample.count
        }
        return lastCount < total ? max(longest, end - lastChange) : longest
    }
}

/// "12.3 s".
func seconds(_ duration: Duration) -> String { String(format: "%.1f s", duration.seconds) }
