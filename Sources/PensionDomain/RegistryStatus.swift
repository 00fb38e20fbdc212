import Foundation

/// Life status of a person in the National Population Database.
public enum RegistryStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// No death recorded.
    case alive
    /// A death is recorded (civil status); payments must stop.
    case deceased
}
