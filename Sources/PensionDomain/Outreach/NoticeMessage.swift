/// One notice handed to the gateway.
///
/// `description` hides the recipient and the text: both are personal data.
public struct NoticeMessage: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The idempotency key (``NoticeID``).
    public var noticeID: String
    /// The channel.
    public var channel: NoticeChannel
    /// Phone number (SMS, Zalo), e-mail address, or postal address (letter).
    public var recipient: String
    /// Subject line (e-mail, letter), if any.
    public var subject: String?
    /// The rendered text.
    public var body: String
    /// SMS only: the encoding the text needs (`gsm7` or `ucs2`).
    public var encoding: SMSEncoding?
    /// SMS only: the parts it will be billed as.
    public var segments: Int?

    /// Creates a message.
    public init(noticeID: String, channel: NoticeChannel, recipient: String, subject: String? = nil, body: String,
                encoding: SMSEncoding? = nil, segments: Int? = nil) {
        self.noticeID = noticeID
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.encoding = encoding
        self.segments = segments
    }

    enum CodingKeys: String, CodingKey {
        case noticeID = "notice_id"
        case channel, recipient, subject, body, encoding, segments
    }

    /// The notice id and channel only.
    public var description: String { "NoticeMessage(\(noticeID), \(channel.rawValue))" }
}
