import Foundation

/// SMS character encodings (3GPP TS 23.038), and the segment arithmetic the gateway bills by.
///
/// Vietnamese with diacritics needs UCS-2 (70 characters in one part, 67 per part when concatenated);
/// the unaccented variant fits GSM-7 (160, or 153 per part).
public enum SMSEncoding: String, Sendable, Hashable, CaseIterable, Codable {
    /// The GSM 7-bit default alphabet with its extension table.
    case gsm7
    /// UCS-2 (UTF-16 on the wire), for everything else.
    case ucs2

    /// Units that fit in a single-part message.
    public var singleSegmentLimit: Int { self == .gsm7 ? 160 : 70 }
    /// Units per part of a concatenated message (the user-data header takes the rest).
    public var concatenatedSegmentLimit: Int { self == .gsm7 ? 153 : 67 }

    /// The encoding a gateway would choose for `text`, the number of parts and the length in units.
    ///
    /// The text is measured as given (normalise to NFC first: decomposed Vietnamese is longer).
    /// A GSM-7 extension character (`€ [ ] { } \ ^ ~ |` and form feed) takes two septets, and an escape
    /// pair or a UTF-16 surrogate pair is never split between parts, as gateways do.
    public static func segments(for text: String) -> SMSSegmentCount {
        var units: [Int] = []
        var encoding = SMSEncoding.gsm7
        for scalar in text.unicodeScalars {
            guard let cost = gsm7Cost(scalar) else {
                encoding = .ucs2
                break
            }
            units.append(cost)
        }
        if encoding == .ucs2 {
            units = text.unicodeScalars.map { $0.utf16.count }
        }
        let total = units.reduce(0, +)
        guard total > encoding.singleSegmentLimit else {
            return SMSSegmentCount(encoding: encoding, segments: 1, characters: total)
        }
        let limit = encoding.concatenatedSegmentLimit
        var parts = 1, used = 0
        for cost in units {
            if used + cost > limit {
                parts += 1
                used = 0
            }
            used += cost
        }
        return SMSSegmentCount(encoding: encoding, segments: parts, characters: total)
    }

    /// True when `text` can be sent in GSM-7.
    public static func isGSM7(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { gsm7Cost($0) != nil }
    }

    /// A GSM-7-safe variant of Vietnamese text: diacritics removed (`Nguyễn` → `Nguyen`), `Đ`/`đ` (and their
    /// look-alikes) → `D`/`d`, typographic quotes and dashes → ASCII, `…` → `...`, other white space → space,
    /// invisible characters removed; case, punctuation and line breaks kept.
    ///
    /// Any remaining character GSM-7 cannot carry (an emoji, a CJK character) becomes one `?`.
    public static func unaccented(_ text: String) -> String {
        var out = ""
        for character in PersonName.foldingDLookalikes(text) {
            var folded = String.UnicodeScalarView()
            for scalar in String(character).decomposedStringWithCompatibilityMapping.unicodeScalars {
                if scalar.properties.generalCategory == .nonspacingMark || UnicodeText.isInvisible(scalar) { continue }
                if let replacement = replacements[scalar.value] {
                    folded.append(contentsOf: replacement.unicodeScalars)
                } else if scalar.properties.isWhitespace && scalar != "\n" && scalar != "\r" {
                    folded.append(" ")
                } else {
                    folded.append(scalar)
                }
            }
            let piece = String(folded)
            out += piece.unicodeScalars.allSatisfy({ gsm7Cost($0) != nil }) ? piece : "?"
        }
        return out
    }

    // MARK: - Tables

    /// Septets for `scalar` in GSM-7: 1 in the basic table, 2 in the extension table, nil if absent.
    static func gsm7Cost(_ scalar: Unicode.Scalar) -> Int? {
        if gsm7Basic.contains(scalar.value) { return 1 }
        if gsm7Extension.contains(scalar.value) { return 2 }
        return nil
    }

    /// The GSM 03.38 basic character set (escape excluded).
    static let gsm7Basic: Set<UInt32> = {
        var set = Set<UInt32>()
        let asciiOutside: Set<UInt32> = [0x60, 0x5E, 0x7B, 0x7D, 0x5C, 0x5B, 0x5D, 0x7E, 0x7C] // ` ^ { } \ [ ] ~ |
        for value in UInt32(0x20)...UInt32(0x7E) where !asciiOutside.contains(value) { set.insert(value) }
        let others = "\n\r£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà"
        for scalar in others.unicodeScalars { set.insert(scalar.value) }
        return set
    }()

    /// The GSM 03.38 extension table (each sent as escape + character): form feed `^ { } \ [ ~ ] |` and `€`.
    static let gsm7Extension: Set<UInt32> = [0x0C, 0x5E, 0x7B, 0x7D, 0x5C, 0x5B, 0x7E, 0x5D, 0x7C, 0x20AC]

    /// Typographic characters with a plain GSM-7 equivalent.
    static let replacements: [UInt32: String] = [
        0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'", 0x0060: "'",
        0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x201F: "\"", 0x2033: "\"", 0x00AB: "\"", 0x00BB: "\"",
        0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-", 0x2212: "-", 0x2022: "-",
        0x00B7: ".", 0x2026: "...", 0x0009: " ", 0x0110: "D", 0x0111: "d",
    ]
}
