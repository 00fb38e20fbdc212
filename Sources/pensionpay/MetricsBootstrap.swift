import Metrics
import Prometheus
import Synchronization

/// swift-metrics may be bootstrapped once per process: the executable does it, libraries only
/// create their metrics.
enum MetricsBootstrap {
    private static let registry = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Installs the Prometheus backend (once) and returns its registry.
    static func once() -> PrometheusCollectorRegistry {
        registry.withLock { registry in
            if let registry { return registry }
            let created = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: created)
            factory.defaultDurationHistogramBuckets = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                                       .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5)]
            MetricsSystem.bootstrap(factory)
            registry = created
            return created
        }
    }
}
