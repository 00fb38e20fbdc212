import PensionDomain

/// A notice rendered for one channel.
public struct RenderedNotice: Sendable, Hashable {
    /// Subject line (e-mail), if any.
    public var subject: String?
    /// The text.
    public var body: String
    /// SMS only: encoding and parts.
    public var sms: SMSSegmentCount?

    /// Creates a rendered notice.
    public init(subject: String? = nil, body: String, sms: SMSSegmentCount? = nil) {
        self.subject = subject
        self.body = body
        self.sms = sms
    }
}
