import Foundation

/// One of the 34 provincial-level units in force since 01/07/2025 (Decision 19/2025/QĐ-TTg).
public struct Province: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 2-digit code; on a merger the new unit kept the code of the old province hosting its seat.
    public let code: String
    /// The name with diacritics, e.g. "Bắc Ninh".
    public let name: String

    /// Creates a province value; the canonical list is `AdministrativeUnits.provinces`.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// `code name`, e.g. "24 Bắc Ninh".
    public var description: String { "\(code) \(name)" }
}
