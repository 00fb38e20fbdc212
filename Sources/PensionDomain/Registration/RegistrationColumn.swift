import Foundation

/// A column of the registration-request CSV; raw values are the header names.
public enum RegistrationColumn: String, CSVColumn {
    /// 12-digit personal ID of the beneficiary (required).
    case nationalID = "national_id"
    /// 6-digit bank BIN (required).
    case bankBIN = "bank_bin"
    /// Account number as written (required).
    case bankAccount = "bank_account"
    /// Account holder name as written (required).
    case holderName = "holder_name"
    /// 12-digit personal ID of the authorised relative (optional).
    case authorisedHolderID = "authorised_holder_id"
    /// Last valid day of the authorisation (optional; required with `authorised_holder_id`).
    case authorisationExpires = "authorisation_expires"
    /// payment_point / bank / vssid / web (required).
    case channel
    /// When the request was made (required).
    case requestedAt = "requested_at"

    /// The columns a registration file must have.
    public static let required: [RegistrationColumn] = [.nationalID, .bankBIN, .bankAccount, .holderName, .channel, .requestedAt]
}
