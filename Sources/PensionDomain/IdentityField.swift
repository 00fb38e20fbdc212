import Foundation

/// An identity field that can disagree with the registry; raw values are the wire and report names.
public enum IdentityField: String, Codable, Sendable, Hashable, CaseIterable {
    /// Full name.
    case name
    /// Date of birth.
    case dateOfBirth = "date_of_birth"
    /// Sex.
    case sex
}
