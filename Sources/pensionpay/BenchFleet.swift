import AMQP
import ArgumentParser
import Foundation

/// What every `bench` command needs: a scratch folder, simulators and worker processes of this
/// same executable, and their peak memory.
enum BenchSupport {
    /// This executable, so benchmarks measure the very build they run from.
    static var executable: URL { URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath() }

    /// A fresh folder under the temporary directory.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Starts `pensionpay simulate KIND … --port 0` and returns it with the base URL it printed
    /// ("… listening on http://HOST:PORT") once bound.
    static func startSimulator(_ arguments: [String]) throws -> (process: Process, address: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["simulate"] + arguments + ["--port", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var output = ""
        while !output.contains("\n"), case let data = pipe.fileHandleForReading.availableData, !data.isEmpty {
            output += String(decoding: data, as: UTF8.self)
        }
        guard let address = output.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines), address.hasPrefix("http") else {
            process.terminate()
            throw Console.fail("the \(arguments.first ?? "") simulator did not start")
        }
        return (process, address)
    }
}

/// K worker processes started from this executable, with their peak RSS sampled while they run.
final class WorkerFleet {
    let processes: [Process]
    private(set) var peaks: [Int]
    /// The largest anonymous (heap and stack) resident size seen per worker, in KiB. The rest of
    /// the RSS is file-backed: mostly the code of this executable and of the Swift and Foundation
    /// libraries, which every process on the host shares.
    private(set) var anonPeaks: [Int]

    private let interruption: BenchInterruption

    /// Starts `count` processes; `arguments(k)` gives the command line of the k-th. If the bench is
    /// interrupted (Ctrl-C, SIGTERM) while they run, they get SIGTERM too.
    init(count: Int, url: AMQPEndpoints, arguments: (Int) -> [String]) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PENSIONPAY_AMQP_URL"] = url.rawValue
        processes = try (0..<count).map { k in
            let process = Process()
            process.executableURL = BenchSupport.executable
            // As deployed (deploy/systemd), each worker serves /healthz, /readyz and /metrics: its
            // HTTP server's memory and CPU belong in the figures. Port 0: the kernel picks one.
            process.arguments = arguments(k) + ["--http-port", "0"]
            process.environment = environment
            try process.run()
            return process
        }
        peaks = [Int](repeating: 0, count: count)
        anonPeaks = peaks
        interruption = BenchInterruption(children: processes.map(\.processIdentifier))
    }

    /// Polls `progress` every 50 ms until it reaches `target` or `timeout` seconds pass; returns its last value.
    func wait(until target: Int, timeout: Double, progress: () throws -> Int) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(timeout)
        var done = 0
        while done < target && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            done = try progress()
            samplePeaks()
        }
        return done
    }

    /// User + system CPU seconds of all workers so far.
    var cpuSeconds: Double { processes.map { ProcessStats.cpuSeconds($0.processIdentifier) }.reduce(0, +) }

    /// Peak RSS of each worker with its largest anonymous part, formatted.
    var peaksDescription: String {
        zip(peaks, anonPeaks).map { String(format: "%.1f MiB (anon %.1f)", Double($0) / 1024, Double($1) / 1024) }.joined(separator: ", ")
    }

    /// SIGTERM to every worker, then waits for them to drain and exit.
    func stop() {
        interruption.cancel()
        samplePeaks()
        for process in processes { process.terminate() }
        for process in processes { process.waitUntilExit() }
    }

    private func samplePeaks() {
        for (k, process) in processes.enumerated() {
            peaks[k] = max(peaks[k], ProcessStats.peakRSSKiB(process.processIdentifier))
            anonPeaks[k] = max(anonPeaks[k], ProcessStats.statusKiB(process.processIdentifier, "RssAnon"))
        }
    }
}
