import Foundation

/// A bank reachable through Napas, identified by its 6-digit BIN (VietQR "bin"/"acqId").
public struct Bank: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 6-digit bank identification number; not always 9704xx (CAKE 546034, CIMB 422589).
    public let bin: String
    /// The short brand name used on screens (VietQR "shortName" style).
    public let shortName: String
    /// The longer name, mostly the Vietnamese legal name.
    public let name: String

    /// Creates a bank entry; the vetted list is `BankDirectory.banks`.
    public init(bin: String, shortName: String, name: String) {
        self.bin = bin
        self.shortName = shortName
        self.name = name
    }

    /// `BIN shortName`.
    public var description: String { "\(bin) \(shortName)" }
}
