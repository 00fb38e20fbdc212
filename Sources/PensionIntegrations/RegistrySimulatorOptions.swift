/// Settings of ``RegistrySimulator``.
public struct RegistrySimulatorOptions: Hashable, Sendable {
    /// Address to bind; loopback by default (the simulator is for tests and demos).
    public var host: String
    /// Port to bind; 0 lets the system pick a free one (read it with ``RegistrySimulator/listeningPort()``).
    public var port: Int
    /// When set, lookups need `Authorization: Bearer <apiKey>` or get `401`.
    public var apiKey: String?
    /// Faults to inject; can be changed while running with ``RegistrySimulator/setFaults(_:)``.
    public var faults: RegistryFaults

    /// Creates options; defaults: 127.0.0.1, a free port, no key, no faults.
    public init(host: String = "127.0.0.1", port: Int = 0, apiKey: String? = nil, faults: RegistryFaults = .none) {
        self.host = host
        self.port = port
        self.apiKey = apiKey
        self.faults = faults
    }
}
