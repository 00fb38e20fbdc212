/// A column of the contact-preferences CSV (`outreach preferences import`); raw values are the header names.
public enum ContactPreferenceColumn: String, CSVColumn {
    /// 12-digit personal ID (required).
    case nationalID = "national_id"
    /// sms / zalo / email / letter / home_visit, or empty for no preference.
    case preferredChannel = "preferred_channel"
    /// The person asked for no notices: yes/no (also 1/0, true/false, có/không).
    case optedOut = "opted_out"
    /// E-mail address, or empty.
    case email
    /// The phone number follows the office's Zalo official account: yes/no.
    case zaloAvailable = "zalo_available"
    /// Postal address line for letters and home visits, or empty.
    case postalAddress = "postal_address"

    /// Only the ID is required: a file may carry just the columns it changes.
    public static let required: [ContactPreferenceColumn] = [.nationalID]
}
