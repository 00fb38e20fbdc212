/// The registry client's options are unusable (bad URL, unreadable TLS files): a permanent,
/// start-up error, unlike the transient `RegistryUnavailable`.
public struct RegistryConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong; names files and settings, never secrets.
    public var message: String

    /// Creates the error.
    public init(_ message: String) { self.message = message }

    /// The message, prefixed.
    public var description: String { "registry client configuration: \(message)" }
}
