import Foundation

/// Log-safe forms of personal values that have no type of their own.
public enum Masking: Sendable {
    /// A phone number with all but the last 3 digits starred: "0912345678" → "*******678".
    public static func phone(_ phone: String) -> String { keepingLast(3, of: phone) }

    /// An account number with all but the last 3 characters starred, so officers can still tell accounts apart.
    public static func account(_ account: String) -> String { keepingLast(3, of: account) }

    /// Short values (3 characters or fewer) are fully starred, otherwise the tail would be the whole value.
    private static func keepingLast(_ n: Int, of raw: String) -> String {
        let value = UnicodeText.trimmed(raw)
        guard value.count > n else { return String(repeating: "*", count: value.count) }
        return String(repeating: "*", count: value.count - n) + String(value.suffix(n))
    }
}
