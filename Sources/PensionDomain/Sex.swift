import Foundation

/// Sex as recorded in the population registry; raw values match the wire format.
public enum Sex: String, Codable, Sendable, Hashable, CaseIterable {
    /// Male (nam).
    case male = "M"
    /// Female (nữ).
    case female = "F"

    /// Accepts `M`/`F`, `nam`/`nữ`/`nu` and `male`/`female`, in any case and in NFC or NFD.
    ///
    /// Roster files mix Vietnamese and English headers and values, so all common spellings are read.
    public init?(parsing raw: String) {
        switch UnicodeText.keyword(raw) {
        case "m", "nam", "male": self = .male
        case "f", "nữ", "nu", "female": self = .female
        default: return nil
        }
    }
}
