import Foundation
import Logging
import PensionDomain

/// swift-log handler writing one JSON object per line to standard error:
/// `{"ts":…,"level":…,"logger":…,"msg":…,"task.id":…,…}`, with digit runs redacted.
public struct JSONLogHandler: LogHandler {
    /// Handler-wide metadata.
    public var metadata: Logger.Metadata = [:]
    /// Minimum level.
    public var logLevel: Logger.Level = .info
    private let label: String
    private let write: @Sendable (String) -> Void

    /// A handler for `label` writing to standard error.
    public init(label: String) {
        self.init(label: label) { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// A handler writing each line (with its newline) to `write` (tests).
    public init(label: String, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [:]
        for (key, value) in metadata { object[key] = LogRedaction.redact("\(value)") }
        for (key, value) in event.metadata ?? [:] { object[key] = LogRedaction.redact("\(value)") }
        object["ts"] = ISO8601.formatMilliseconds(Date())
        object["level"] = event.level.rawValue
        object["logger"] = label
        object["msg"] = LogRedaction.redact("\(event.message)")
        object["source"] = event.source
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return }
        write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
