import Foundation
import PensionStore
import Testing

/// A worker writes and reads its dates (store timestamps, ISO 8601 in tasks, follow-ups and JSON
/// logs) and reads the broker's host without Foundation's ICU paths: through them, `DateFormatter`,
/// GRDB's `Date` conversion or `URLComponents.host` kept about 5.5 MiB of ICU's data resident in
/// every worker (sitting 12). A new call through any of them would bring that back without failing
/// anything else, so this reads the worker's own mapping of the library after real work.
@Suite struct WorkerICUTests {
    @Test func aVerifyWorkerLeavesICUDataUntouched() async throws {
        let resident = try await inspectWorkerAfterRealWork("icu") { residentKiB(of: $0, mappingsContaining: "lib_FoundationICU") }
        // Zero would mean the library was not found (renamed, or read too late), not that all is well.
        #expect(resident > 0, "lib_FoundationICU mapped in the worker")
        // Measured: about 1.1 MiB without ICU's data in use, 5.6 MiB with it.
        #expect(resident < 2 * 1024, "ICU resident in the worker: \(resident) KiB")
    }
}

/// The resident KiB of a process's mappings whose path contains `name` (/proc/PID/smaps).
func residentKiB(of pid: Int32, mappingsContaining name: String) -> Int {
    // Read to the end: String(contentsOfFile:) stops after the first page of a /proc file.
    guard let handle = FileHandle(forReadingAtPath: "/proc/\(pid)/smaps"),
          let data = try? handle.readToEnd() else { return 0 }
    let smaps = String(decoding: data, as: UTF8.self)
    var total = 0
    var inside = false
    for line in smaps.split(separator: "\n") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        // A mapping's header starts with its address range, "start-end".
        if let first = fields.first, first.contains("-"), first.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
            inside = fields.count >= 6 && fields[5].contains(name)
        } else if inside, fields.first == "Rss:", fields.count >= 2 {
            total += Int(fields[1]) ?? 0
        }
    }
    return total
}
