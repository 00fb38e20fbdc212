import Foundation

/// A column of the beneficiary roster CSV; raw values are the header names.
public enum RosterColumn: String, CSVColumn {
    /// 12-digit personal ID (required).
    case nationalID = "national_id"
    /// Full name with diacritics (required).
    case fullName = "full_name"
    /// Birth date, full or partial (required).
    case dateOfBirth = "date_of_birth"
    /// Current or legacy province code (required).
    case provinceCode = "province_code"
    /// Sex (optional).
    case sex
    /// 5-digit commune code (optional).
    case communeCode = "commune_code"
    /// Mobile phone (optional).
    case phone
    /// cash / bank (optional, cash when absent).
    case paymentMethod = "payment_method"
    /// 6-digit bank BIN (optional; required for bank payment).
    case bankBIN = "bank_bin"
    /// Deposit account number (optional; required for bank payment).
    case bankAccount = "bank_account"
    /// Old 10-digit BHXH code, kept as an alias (optional).
    case legacyBHXHCode = "legacy_bhxh_code"

    /// The columns a roster must have.
    public static let required: [RosterColumn] = [.nationalID, .fullName, .dateOfBirth, .provinceCode]
}
