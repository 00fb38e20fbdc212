import Foundation
import Metrics

/// The metrics of one worker kind, created once with a small fixed set of labels (never a
/// per-task or per-person label). The executable bootstraps the backend (Prometheus).
public struct WorkerMetrics: Sendable {
    let completed: Counter
    let retried: Counter
    let parked: Counter
    let storeErrors: Counter
    let batchDuration: Metrics.Timer
    let inFlight: Gauge
    let consumerUp: Gauge
    let lastBrokerContact: Gauge

    /// Metrics for `kind` (label `kind`).
    public init(kind: TaskKind) {
        let k = [("kind", kind.rawValue)]
        completed = Counter(label: "pensionpay_tasks_total", dimensions: k + [("result", "completed")])
        retried = Counter(label: "pensionpay_tasks_total", dimensions: k + [("result", "retried")])
        parked = Counter(label: "pensionpay_tasks_total", dimensions: k + [("result", "parked")])
        storeErrors = Counter(label: "pensionpay_store_errors_total", dimensions: k)
        batchDuration = Metrics.Timer(label: "pensionpay_batch_duration_seconds", dimensions: k, preferredDisplayUnit: .seconds)
        inFlight = Gauge(label: "pensionpay_in_flight", dimensions: k)
        consumerUp = Gauge(label: "pensionpay_consumer_up", dimensions: k)
        lastBrokerContact = Gauge(label: "pensionpay_broker_last_contact_timestamp_seconds", dimensions: k)
    }
}

/// Metrics of the verification outcomes themselves.
struct VerificationMetrics: Sendable {
    private let counters: [String: Counter]

    init() {
        var counters: [String: Counter] = [:]
        for outcome in ["verified", "mismatch", "not_found", "deceased", "invalid"] {
            counters[outcome] = Counter(label: "pensionpay_verifications_total", dimensions: [("outcome", outcome)])
        }
        self.counters = counters
    }

    func record(_ outcome: String) {
        counters[outcome]?.increment()
    }
}
