/// What one row of a contact-preferences file says about one beneficiary.
///
/// A property is `nil` when the file has no such column: the stored value stays. A column that is
/// present but empty clears the value (no preference, not opted out, no e-mail, no Zalo, no address).
public struct ContactPreferenceUpdate: Hashable, Sendable {
    /// Whose preferences.
    public var nationalID: NationalID
    /// `.some(nil)` clears the preference.
    public var preferredChannel: NoticeChannel??
    /// Opted out of notices.
    public var optedOut: Bool?
    /// `.some(nil)` clears the address.
    public var email: String??
    /// Reachable on Zalo.
    public var zaloAvailable: Bool?
    /// `.some(nil)` clears the address.
    public var postalAddress: String??

    /// Creates an update.
    public init(nationalID: NationalID, preferredChannel: NoticeChannel?? = nil, optedOut: Bool? = nil, email: String?? = nil,
                zaloAvailable: Bool? = nil, postalAddress: String?? = nil) {
        self.nationalID = nationalID
        self.preferredChannel = preferredChannel
        self.optedOut = optedOut
        self.email = email
        self.zaloAvailable = zaloAvailable
        self.postalAddress = postalAddress
    }
}
