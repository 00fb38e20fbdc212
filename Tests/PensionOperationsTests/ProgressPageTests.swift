import Foundation
import Logging
import PensionStore
import ServiceLifecycle
import Synchronization
import Testing
@testable import PensionOperations

/// The progress page as a person sees it: loaded in a real headless Chromium (Debian's package,
/// installed by scripts/setup), which runs the page's script against the real server.
@Suite struct ProgressPageTests {
    static let snapshot = ProgressSnapshot(
        generatedAt: "2026-11-26T08:00:00Z",
        report: ProgressReport(
            totals: ReportCounts(beneficiaries: 341_480, verified: 330_000, mismatch: 1200, notFound: 300, deceased: 980, invalid: 0,
                                 unverified: 9000, onHold: 2480, paidByBank: 291_759, paidInCash: 49_721),
            provinces: [ProvinceCounts(provinceCode: "79", counts: ReportCounts(
                beneficiaries: 341_480, verified: 330_000, mismatch: 1200, notFound: 300, deceased: 980, invalid: 0,
                unverified: 9000, onHold: 2480, paidByBank: 291_759, paidInCash: 49_721))]),
        provinceNames: ["79": "TP Hồ Chí Minh"],
        queues: [.init(name: "pensionpay.verify", role: "work", ready: 12, consumers: 0)])

    @Test func chromiumShowsTheNumbersAPersonNeeds() async throws {
        let chromium = "/usr/bin/chromium"
        #expect(FileManager.default.isExecutableFile(atPath: chromium), "chromium is missing: scripts/setup installs it")
        let port = Mutex(0)
        let server = ProgressServer(port: 0, logger: Logger(label: "page-test"), onListening: { bound in port.withLock { $0 = bound } }) { Self.snapshot }
        let group = ServiceGroup(configuration: .init(services: [server], logger: Logger(label: "page-test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var bound = 0
            for _ in 0..<200 where bound == 0 {
                bound = port.withLock { $0 }
                if bound == 0 { try await Task.sleep(for: .milliseconds(20)) }
            }
            let screenshot = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString.prefix(6)).png").path
            let dom = try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
                                              "--dump-dom", "http://127.0.0.1:\(bound)/"])
            _ = try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--window-size=1280,900",
                                        "--screenshot=\(screenshot)", "http://127.0.0.1:\(bound)/"])
            #expect(dom.contains(#"data-loaded="true""#), "the script drew the data")
            #expect(dom.contains("79 TP Hồ Chí Minh"))
            #expect(dom.contains("85.4%"), "cashless share 291,759 of 341,480")
            #expect(dom.contains("pensionpay.verify"))
            #expect(dom.contains("updated 2026-11-26T08:00:00Z"))
            #expect((try? FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0 > 10_000, "a screenshot was taken")
            try? FileManager.default.removeItem(atPath: screenshot)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
