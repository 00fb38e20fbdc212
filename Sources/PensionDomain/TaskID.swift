import Crypto
import Foundation

/// Deterministic task identifiers, so that re-publishing the same work yields the same ID and
/// the store can deduplicate it.
public enum TaskID: Sendable {
    /// `"<kind>-<period>-"` + the first 32 hex characters of SHA-256(`"<kind>|<12 digits>|<period>"`).
    ///
    /// The ID number only enters through the hash, so task IDs are safe to log.
    public static func make(kind: String, nationalID: NationalID, period: Period) -> String {
        let digest = SHA256.hash(data: Data("\(kind)|\(nationalID.digits)|\(period)".utf8))
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return "\(kind)-\(period)-" + String(decoding: hex.prefix(32), as: UTF8.self)
    }
}
