import Metrics
import PensionDomain

/// Wraps a registry adapter with latency and error metrics (`adapter` label: embedded, http).
public struct InstrumentedRegistry: PopulationRegistry {
    private let inner: any PopulationRegistry
    private let latency: Metrics.Timer
    private let errors: Counter

    /// Instruments `inner` under the name `adapter`.
    public init(_ inner: any PopulationRegistry, adapter: String) {
        self.inner = inner
        latency = Metrics.Timer(label: "pensionpay_external_call_duration_seconds", dimensions: [("system", "registry"), ("adapter", adapter)],
                                preferredDisplayUnit: .seconds)
        errors = Counter(label: "pensionpay_external_call_errors_total", dimensions: [("system", "registry"), ("adapter", adapter)])
    }

    public func lookup(_ ids: [NationalID]) async throws -> [NationalID: RegistryRecord] {
        let start = ContinuousClock.now
        do {
            let result = try await inner.lookup(ids)
            latency.recordInterval(since: start)
            return result
        } catch {
            latency.recordInterval(since: start)
            errors.increment()
            throw error
        }
    }
}

extension Metrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let (seconds, atto) = (ContinuousClock.now - start).components
        recordNanoseconds(seconds * 1_000_000_000 + atto / 1_000_000_000)
    }
}
