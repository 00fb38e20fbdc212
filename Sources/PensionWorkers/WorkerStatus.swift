import Synchronization

/// What a worker reports about itself: readiness and counts, read by health checks and tests.
public final class WorkerStatus: Sendable {
    private struct State {
        var consuming = false
        var storeHealthy = true
        var topologyProblem: String?
        var completed = 0
        var retried = 0
        var parked = 0
    }

    private let state = Mutex(State())

    /// Creates an empty status.
    public init() {}

    /// True while a consumer is attached to the broker.
    public var isConsuming: Bool { state.withLock { $0.consuming } }
    /// False while the database refuses writes.
    public var isStoreHealthy: Bool { state.withLock { $0.storeHealthy } }
    /// Ready means: consuming and able to record outcomes.
    public var isReady: Bool { state.withLock { $0.consuming && $0.storeHealthy } }
    /// Why the worker refuses to consume (its queue or a retry exchange is missing), or nil.
    public var topologyProblem: String? { state.withLock { $0.topologyProblem } }
    /// Deliveries completed (outcome committed or already present).
    public var completed: Int { state.withLock { $0.completed } }
    /// Deliveries sent down the retry ladder.
    public var retried: Int { state.withLock { $0.retried } }
    /// Deliveries parked.
    public var parked: Int { state.withLock { $0.parked } }

    func setConsuming(_ value: Bool) {
        state.withLock {
            $0.consuming = value
            if value { $0.topologyProblem = nil }
        }
    }
    func setTopologyProblem(_ problem: String) { state.withLock { $0.topologyProblem = problem } }
    func setStoreHealthy(_ value: Bool) { state.withLock { $0.storeHealthy = value } }
    func record(completed: Int, retried: Int, parked: Int) {
        state.withLock {
            $0.completed += completed
            $0.retried += retried
            $0.parked += parked
        }
    }
}
