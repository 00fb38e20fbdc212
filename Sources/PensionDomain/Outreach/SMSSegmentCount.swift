import Foundation

/// The size of an SMS: its encoding, how many parts the gateway will send, and its length in encoding units.
public struct SMSSegmentCount: Hashable, Sendable, CustomStringConvertible {
    /// GSM-7 when every character is in the GSM 03.38 basic or extension table, UCS-2 otherwise.
    public let encoding: SMSEncoding
    /// The number of SMS parts (at least 1; an empty text is sent as one part).
    public let segments: Int
    /// The length in encoding units: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2.
    public let characters: Int

    /// Creates a count.
    public init(encoding: SMSEncoding, segments: Int, characters: Int) {
        self.encoding = encoding
        self.segments = segments
        self.characters = characters
    }

    /// `gsm7, 2 segments, 200 characters`.
    public var description: String {
        "\(encoding.rawValue), \(segments) segment\(segments == 1 ? "" : "s"), \(characters) characters"
    }
}
