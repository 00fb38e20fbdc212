import Foundation
import PensionStore

/// What the progress page shows: the merged report, province names, and queue health.
public struct ProgressSnapshot: Sendable, Codable, Equatable {
    /// One queue's health line.
    public struct Queue: Sendable, Codable, Equatable {
        /// Queue name.
        public var name: String
        /// work, retry or parked.
        public var role: String
        /// Ready messages, when known.
        public var ready: Int?
        /// Consumers attached, when known.
        public var consumers: Int?
        /// Delivered but not yet acknowledged, when the management API was asked.
        public var unacked: Int?
        /// Why the numbers are missing, if they are.
        public var error: String?

        /// Creates a line.
        public init(name: String, role: String, ready: Int? = nil, consumers: Int? = nil, unacked: Int? = nil, error: String? = nil) {
            self.name = name
            self.role = role
            self.ready = ready
            self.consumers = consumers
            self.unacked = unacked
            self.error = error
        }
    }

    /// When the snapshot was taken (ISO 8601).
    public var generatedAt: String
    /// The progress report (merged over node databases).
    public var report: ProgressReport
    /// Province names by code, for display.
    public var provinceNames: [String: String]
    /// Queue health; empty when the broker was not asked.
    public var queues: [Queue]

    /// Creates a snapshot.
    public init(generatedAt: String, report: ProgressReport, provinceNames: [String: String], queues: [Queue]) {
        self.generatedAt = generatedAt
        self.report = report
        self.provinceNames = provinceNames
        self.queues = queues
    }

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at", report, provinceNames = "province_names", queues
    }
}
