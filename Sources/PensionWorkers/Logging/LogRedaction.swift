/// Defence in depth for logs: whatever a caller passes, long digit runs (ID numbers, phone and
/// account numbers) never reach a log line whole. Code masks on purpose first; this catches slips.
public enum LogRedaction {
    /// Replaces every run of 9 or more digits with its first 3 digits, stars and its last 2.
    public static func redact(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var digits = ""
        func flush() {
            if digits.count >= 9 {
                out += digits.prefix(3) + String(repeating: "*", count: digits.count - 5) + digits.suffix(2)
            } else {
                out += digits
            }
            digits = ""
        }
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }
}
