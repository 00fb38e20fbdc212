import Foundation
import Logging
import Synchronization
import Testing
@testable import PensionWorkers

@Suite struct LoggingTests {
    @Test(arguments: [
        ("id 079140000123 done", "id 079*******23 done"),
        ("phone 0903123456", "phone 090*****56"),
        ("account 0011000123456 at 970436", "account 001********56 at 970436"),
        ("cmnd 123456789", "cmnd 123****89"),
        ("period 2026-11, 500 tasks", "period 2026-11, 500 tasks"),
    ])
    func redactsLongDigitRuns(_ input: String, _ expected: String) {
        #expect(LogRedaction.redact(input) == expected)
    }

    @Test func jsonHandlerWritesOneRedactedObjectPerLine() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "test") { label in JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } } }
        logger[metadataKey: "task.kind"] = "verify"
        logger.info("recorded 079140000123", metadata: ["beneficiary.id": "079140000123", "batch.size": "500"])
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        #expect(written[0].hasSuffix("\n"))
        let object = try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: String]
        #expect(object?["msg"] == "recorded 079*******23")
        #expect(object?["beneficiary.id"] == "079*******23")
        #expect(object?["batch.size"] == "500")
        #expect(object?["task.kind"] == "verify")
        #expect(object?["level"] == "info")
        #expect(!written[0].contains("079140000123"))
    }
}
