import Foundation

/// The last failure recorded for one channel of one beneficiary.
///
/// Permanent failures take the channel out of the plan so the next channel becomes the fallback;
/// temporary ones are retried with back-off on the same channel.
public enum ChannelFailure: String, Codable, Sendable, Hashable, CaseIterable {
    /// The gateway rejected the phone number as invalid or not in service.
    case invalidNumber = "invalid_number"
    /// The number has no Zalo account, or the person blocked the official account.
    case notRegistered = "not_registered"
    /// The e-mail bounced or the letter came back undeliverable.
    case invalidAddress = "invalid_address"
    /// Any other permanent rejection by the gateway.
    case rejected
    /// A failure worth retrying (timeout, gateway unavailable, throttled).
    case temporary

    /// True when the channel should not be tried again for this beneficiary.
    public var isPermanent: Bool { self != .temporary }
}
