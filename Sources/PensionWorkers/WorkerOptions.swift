import AMQP

/// Settings of a worker process.
public struct WorkerOptions: Sendable {
    /// Unacked deliveries the broker may send ahead (bounds memory).
    public var prefetch: UInt16 = 1500
    /// Most deliveries handled and committed together (group commit).
    public var maxBatch: Int = 500
    /// Name shown in the broker's connection list and in park headers.
    public var name: String
    /// Back-off between reconnection attempts.
    public var reconnect = AMQPReconnectPolicy()
    /// Back-off while the database refuses writes (disk full, read-only).
    public var storeRetry = AMQPReconnectPolicy(initialDelay: .milliseconds(200), maximumDelay: .seconds(5))
    /// The broker objects.
    public var topology = Topology()

    /// Creates options with defaults.
    public init(name: String, prefetch: UInt16 = 1500, maxBatch: Int = 500, topology: Topology = Topology()) {
        self.name = name
        self.prefetch = prefetch
        self.maxBatch = maxBatch
        self.topology = topology
    }
}
