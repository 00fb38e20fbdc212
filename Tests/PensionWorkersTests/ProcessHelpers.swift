#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The `pensionpay` executable that `swift test` built beside the test bundle.
func pensionpayExecutable() throws -> URL {
    let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("pensionpay")
    guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
        throw TestSetupError("pensionpay executable not found at \(candidate.path); run `swift build` first")
    }
    return candidate
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A free TCP port on loopback for a worker's `--http-port`, below the kernel's ephemeral range
/// (32768-60999 here): a random port inside it may be taken meanwhile by one of the many outgoing
/// connections a test run makes (or still be in TIME_WAIT), and the worker then fails to bind.
func freeHTTPPort() throws -> Int {
    for _ in 0..<50 {
        let port = Int.random(in: 20_000..<32_000)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { continue }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if bound == 0 { return port }
    }
    throw TestSetupError("no free port between 20000 and 32000 on 127.0.0.1 after 50 tries")
}

/// What became of a worker process and the end of its log, for a failed expectation's message.
func describe(_ process: Process, log: URL?, lines: Int = 15) -> String {
    let state = process.isRunning ? "running" : "exited (\(process.terminationReason == .exit ? "status" : "signal") \(process.terminationStatus))"
    guard let log, let text = try? String(contentsOf: log, encoding: .utf8) else { return state }
    return state + "; log ends:\n" + text.split(separator: "\n").suffix(lines).joined(separator: "\n")
}

/// Starts a verify worker process for a fixture. With `logFile`, it logs at info level as JSON
/// lines into that file (for tests that read its timeline) instead of warnings to standard error.
func startWorkerProcess(_ fixture: WorkerFixture, name: String, httpPort: Int? = nil, prefetch: Int = 500, batch: Int = 200,
                        logFile: URL? = nil) throws -> Process {
    let process = Process()
    process.executableURL = try pensionpayExecutable()
    process.arguments = ["worker", "verify", "--db", fixture.dbPath, "--registry", fixture.registryPath]
                         + fixture.topology.arguments + ["--prefetch", String(prefetch), "--batch", String(batch),
                         "--name", "\(fixture.topology.namespace) \(name)"]
        + (logFile == nil ? ["--log-level", "warning"] : ["--log-level", "info", "--log-format", "json"])
        + (httpPort.map { ["--http-port", String($0)] } ?? [])
    var environment = ProcessInfo.processInfo.environment
    environment["PENSIONPAY_AMQP_URL"] = fixture.url.rawValue
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    if let logFile {
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logFile)
    }
    try process.run()
    return process
}

/// Runs a verify worker process with its HTTP server, as deployed, over 1,000 seeded tasks of every
/// kind (matches, mismatches, deaths, not-found; the cash-paid get outreach follow-ups) until each
/// outcome is recorded and each follow-up relayed, hands its pid to `inspect` while
/// it still runs, then stops it. For tests that read what a worker process holds after real work.
func inspectWorkerAfterRealWork<Reading>(_ name: String, _ inspect: (Int32) throws -> Reading) async throws -> Reading {
    let fixture = try await WorkerFixture(name)
    let tasks = try await fixture.seed(1000)
    try await fixture.publish(tasks)
    let port = try freeHTTPPort()
    let log = fixture.directory.appendingPathComponent("worker.log")
    let worker = try startWorkerProcess(fixture, name: name, httpPort: port, logFile: log)
    defer { if worker.isRunning { worker.terminate() } }

    #expect(try await eventually(timeout: .seconds(120)) { try fixture.store.verificationCount() == tasks.count },
            "every task recorded: \(describe(worker, log: log))")
    #expect(try await eventually(timeout: .seconds(60)) { try fixture.store.pendingOutboxCount() == 0 }, "follow-ups relayed")
    #expect(try await httpStatus("http://127.0.0.1:\(port)/metrics") == 200)
    let reading = try inspect(worker.processIdentifier)

    worker.terminate()
    #expect(await waitForExit(worker), "worker exits after SIGTERM")
    await fixture.cleanUp()
    return reading
}

/// Waits for a child process to end without blocking a thread; false after `timeout`.
func waitForExit(_ process: Process, timeout: Duration = .seconds(60)) async -> Bool {
    await eventually(timeout: timeout) { !process.isRunning }
}

/// Force-closes every broker connection whose client properties mention `marker`
/// (the broker-side equivalent of a network failure for just those connections).
func closeBrokerConnections(matching marker: String) async throws -> Int {
    let listing = try await runCommandAsync("/usr/sbin/rabbitmqctl", ["list_connections", "pid", "client_properties", "-q", "--no-table-headers"])
    var closed = 0
    for line in listing.output.split(separator: "\n") where line.contains(marker) {
        guard let pid = line.split(separator: "\t").first else { continue }
        _ = try await runCommandAsync("/usr/sbin/rabbitmqctl", ["close_connection", String(pid), "test: simulated connection loss"])
        closed += 1
    }
    return closed
}

/// The HTTP status of a GET on loopback (0 when nothing answers), via curl.
func httpStatus(_ url: String) async throws -> Int {
    Int(try await runCommandAsync("/usr/bin/curl", ["-s", "-o", "/dev/null", "-m", "2", "-w", "%{http_code}", url]).output) ?? 0
}

/// Runs a command to completion and returns its exit status and standard output, waiting without
/// blocking a thread of Swift's cooperative pool (that would starve the tests running beside it).
func runCommandAsync(_ path: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    try await runProcess(URL(fileURLWithPath: path), arguments, capturing: .standardOutput)
}

/// Which output of a process `runProcess` returns; the other goes to /dev/null.
enum CapturedOutput: Sendable { case standardOutput, standardError }

/// Runs a program to completion on a thread of its own, and returns its exit status and the output
/// asked for.
///
/// Why a thread and a blocking read: `FileHandle.readabilityHandler`, set up and torn down by tests
/// running side by side, corrupts libdispatch's epoll bookkeeping on Linux
/// (swift-corelibs-libdispatch #949). A test run here died of it: SIGSEGV in
/// `_dispatch_event_loop_drain`, and the workers its other tests had started kept `swift test`'s
/// output pipe open, so the run hung instead of failing. A blocking read on the cooperative pool
/// would starve the tests beside it instead.
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                capturing captured: CapturedOutput) async throws -> (status: Int32, output: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            if let environment { process.environment = environment }
            let pipe = Pipe()
            process.standardOutput = captured == .standardOutput ? pipe : FileHandle.nullDevice
            process.standardError = captured == .standardError ? pipe : FileHandle.nullDevice
            do {
                try process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}
