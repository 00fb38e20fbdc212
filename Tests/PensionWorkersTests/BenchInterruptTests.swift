import AMQP
import Foundation
import Logging
import Testing
@testable import PensionWorkers

/// `pensionpay bench verify` runs its workers as child processes; stopping the bench with Ctrl-C
/// must stop them too, not leave them consuming as orphans.
@Suite struct BenchInterruptTests {
    @Test func interruptingTheBenchStopsItsWorkers() async throws {
        let url = ProcessInfo.processInfo.environment["PENSIONPAY_TEST_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/%2F"
        let bench = Process()
        bench.executableURL = try pensionpayExecutable()
        // One task per batch: the workers are still busy when the test looks for them, even if a
        // loaded machine lets it look only every few seconds (20,000 tasks in batches of 500 could be
        // done before it looked, and then there is nothing left to interrupt).
        bench.arguments = ["bench", "verify", "--tasks", "20000", "--workers", "2", "--prefetch", "1", "--batch", "1",
                           "--timeout", "300", "--log-level", "warning"]
        var environment = ProcessInfo.processInfo.environment
        environment["PENSIONPAY_AMQP_URL"] = url
        bench.environment = environment
        bench.standardOutput = FileHandle.nullDevice
        bench.standardError = FileHandle.nullDevice
        try bench.run()

        var workers: [Int32] = []
        let started = await eventually(timeout: .seconds(120)) {
            workers = Self.children(of: bench.processIdentifier)
            return workers.count == 2
        }
        // Whatever happens below, leave no process, queue or folder behind.
        let commandLines = workers.map(Self.commandLine(of:))
        defer {
            for worker in workers { kill(worker, SIGKILL) }
            if bench.isRunning { kill(bench.processIdentifier, SIGKILL) }
        }
        try #require(started, "the bench did not start its two workers")

        kill(bench.processIdentifier, SIGINT)
        #expect(await waitForExit(bench, timeout: .seconds(30)), "the bench did not exit on SIGINT")
        let stopped = await eventually(timeout: .seconds(30)) { workers.allSatisfy { !Self.isAlive($0) } }
        #expect(stopped, "\(workers.filter(Self.isAlive).count) worker process(es) still running after the bench was interrupted")

        await Self.cleanUp(after: commandLines, url: url)
    }

    /// Processes whose parent is `parent` (from /proc/PID/stat).
    static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            stat(of: pid).map { $0.parent == parent } ?? false
        }
    }

    /// Running, not a zombie waiting for a parent that will never reap it.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let status = stat(of: pid) else { return false }
        return status.state != "Z" && status.state != "X"
    }

    private static func stat(of pid: Int32) -> (state: Character, parent: Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "PID (comm) ": state, then the parent's PID.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 1, let state = fields[0].first, let parent = Int32(fields[1]) else { return nil }
        return (state, parent)
    }

    private static func commandLine(of pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The interrupted bench cannot clean up: delete its namespace's queues and its folder.
    private static func cleanUp(after commandLines: [[String]], url: String) async {
        guard let arguments = commandLines.first(where: { $0.contains("--namespace") }),
              let at = arguments.firstIndex(of: "--namespace"), at + 1 < arguments.count else { return }
        let topology = Topology(namespace: arguments[at + 1])
        if let endpoints = try? AMQPEndpoints(url),
           let connection = try? await AMQPConnection.connect(endpoints, name: "bench-interrupt cleanup", logger: Logger(label: "test")) {
            try? await topology.delete(on: connection)
            await connection.close()
        }
        if let db = arguments.firstIndex(of: "--db"), db + 1 < arguments.count {
            try? FileManager.default.removeItem(at: URL(fileURLWithPath: arguments[db + 1]).deletingLastPathComponent())
        }
    }
}
