import Foundation

/// How the population registry writes a name that is nevertheless the same name (FACTS §7, §9):
/// matching must see through every one of these.
public enum RegistryNameNoise: String, Sendable, Hashable, CaseIterable {
    /// Decomposed (NFD) instead of composed Unicode.
    case nfd
    /// `Ð` (U+00D0, Icelandic eth) typed for `Đ`.
    case ethForDStroke
    /// The old tone placement: Hoà, Thuỷ instead of Hòa, Thủy.
    case oldTonePlacement
    /// No-break spaces between the words.
    case noBreakSpaces
    /// Two spaces between the family and middle names.
    case doubleSpace

    /// The name as the registry writes it, or nil when this kind of noise cannot change it
    /// (no Đ to replace, no syllable whose tone moves).
    public func apply(to name: String) -> String? {
        switch self {
        case .nfd: return name.decomposedStringWithCanonicalMapping
        case .ethForDStroke: return name.contains("Đ") ? name.replacingOccurrences(of: "Đ", with: "\u{00D0}") : nil
        case .oldTonePlacement:
            let words = name.split(separator: " ").map { Self.oldTone(String($0)) }
            let moved = words.joined(separator: " ")
            return moved == name ? nil : moved
        case .noBreakSpaces: return name.replacingOccurrences(of: " ", with: "\u{00A0}")
        case .doubleSpace:
            guard let space = name.firstIndex(of: " ") else { return nil }
            return name.replacingCharacters(in: space...space, with: "  ")
        }
    }

    /// New (modern) → old tone placement on a final "oa", "oe" or "uy": the mark moves from the
    /// first vowel to the second (Hòa → Hoà, Thủy → Thuỷ). Syllables with a final consonant
    /// (Hoàng, Toàn) keep the mark where it is in both styles.
    static let oldToneEndings: [String: String] = [
        "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
        "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
        "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
    ]

    static func oldTone(_ word: String) -> String {
        guard word.count >= 2 else { return word }
        let ending = String(word.suffix(2))
        guard let old = oldToneEndings[ending] else { return word }
        return String(word.dropLast(2)) + old
    }
}
