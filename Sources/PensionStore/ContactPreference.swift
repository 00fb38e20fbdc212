import PensionDomain

/// One row of `contact_preferences`: what we know beyond the roster about how to reach a beneficiary.
public struct ContactPreference: Sendable, Equatable {
    /// 12-digit ID.
    public var nationalID: String
    /// The channel asked for, if any.
    public var preferredChannel: NoticeChannel?
    /// Asked for no notices.
    public var optedOut: Bool
    /// E-mail address, if any.
    public var email: String?
    /// The phone number has a Zalo account following the official account.
    public var zaloAvailable: Bool
    /// Postal address line (house, street, hamlet), if known: letters and home-visit lists use it.
    public var postalAddress: String?

    /// Creates a preference row.
    public init(nationalID: String, preferredChannel: NoticeChannel? = nil, optedOut: Bool = false, email: String? = nil,
                zaloAvailable: Bool = false, postalAddress: String? = nil) {
        self.nationalID = nationalID
        self.preferredChannel = preferredChannel
        self.optedOut = optedOut
        self.email = email
        self.zaloAvailable = zaloAvailable
        self.postalAddress = postalAddress
    }
}
