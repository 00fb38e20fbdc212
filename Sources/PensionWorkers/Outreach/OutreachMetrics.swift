import Metrics
import PensionDomain

/// `pensionpay_notices_total{channel, result}`: one counter per (channel, result), created once.
struct OutreachMetrics: Sendable {
    private let counters: [String: Counter]

    init() {
        var counters: [String: Counter] = [:]
        let results = ["sent", "rejected", "retried", "failed", "deferred", "skipped", "already_noticed"]
        for channel in NoticeChannel.allCases.map(\.rawValue) + ["none"] {
            for result in results {
                counters[channel + "|" + result] = Counter(label: "pensionpay_notices_total", dimensions: [("channel", channel), ("result", result)])
            }
        }
        self.counters = counters
    }

    func record(_ channel: NoticeChannel?, _ result: String) {
        counters[(channel?.rawValue ?? "none") + "|" + result]?.increment()
    }
}
