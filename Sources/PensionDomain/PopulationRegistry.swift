/// The port to the National Population Database: look people up by personal ID number.
///
/// Adapters: the embedded SQLite extract (PensionStore) and the HTTP client (integrations).
public protocol PopulationRegistry: Sendable {
    /// The records of those IDs that the registry knows; unknown IDs are simply absent.
    /// Throws `RegistryUnavailable` when the registry cannot answer now (retry later).
    func lookup(_ ids: [NationalID]) async throws -> [NationalID: RegistryRecord]
}

/// The registry could not answer (down, timing out, throttling): a transient failure.
public struct RegistryUnavailable: Error, Sendable, CustomStringConvertible {
    /// Why, without personal data.
    public var reason: String
    /// Creates the error.
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "population registry unavailable: \(reason)" }
}
