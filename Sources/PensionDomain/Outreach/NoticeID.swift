import Crypto
import Foundation

/// Deterministic notice identifiers, used as the gateway's idempotency key.
///
/// The same beneficiary, window and channel always give the same ID, so a redelivered outreach task
/// cannot produce a second message at the gateway.
public enum NoticeID: Sendable {
    /// `"notice-"` + the first 32 hex characters of SHA-256(`"notice|<12 digits>|<window key>|<channel>"`).
    ///
    /// The ID number only enters through the hash, so notice IDs are safe to log and to send to gateways.
    public static func make(nationalID: NationalID, campaignWindowKey: String, channel: NoticeChannel) -> String {
        let digest = SHA256.hash(data: Data("notice|\(nationalID.digits)|\(campaignWindowKey)|\(channel.rawValue)".utf8))
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in digest.prefix(16) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return "notice-" + String(decoding: hex, as: UTF8.self)
    }

    /// True for strings of the form `make` produces (`notice-` and 32 lower-case hex digits).
    public static func isWellFormed(_ id: String) -> Bool {
        guard id.hasPrefix("notice-") else { return false }
        let hex = id.utf8.dropFirst(7)
        return hex.count == 32 && hex.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
