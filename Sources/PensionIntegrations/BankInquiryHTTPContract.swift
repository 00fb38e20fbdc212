import Foundation
import PensionDomain

/// The JSON-over-HTTP contract of the bank account-name inquiry, shared by ``HTTPBankNameInquiry``
/// (the client) and ``BankSimulator`` (the test and demo server). Documented in docs/bank-inquiry-http.md.
///
/// `POST /v1/accounts:inquire` with `{"accounts": [{"bank_bin": "970436", "bank_account": "0071000123456"}]}`
/// (1 to 100 accounts) answers `200` with one result per requested account:
/// `{"results": [{"bank_bin": "970436", "bank_account": "0071000123456", "status": "found", "holder_name": "NGUYEN VAN AN"},
/// {"bank_bin": "970418", "bank_account": "12345678", "status": "not_found"}]}`.
/// Authentication, `401`, `429` + `Retry-After`, `5xx` and `GET /healthz` are as in ``RegistryHTTPContract``.
public enum BankInquiryHTTPContract {
    /// Path of the batch inquiry endpoint.
    public static let inquirePath = "/v1/accounts:inquire"
    /// Path of the health endpoint.
    public static let healthPath = "/healthz"
    /// The most accounts one request may carry.
    public static let maxAccountsPerRequest = 100

    /// One account in a request.
    public struct Account: Codable, Hashable, Sendable {
        /// 6 digits.
        public var bankBIN: String
        /// 1 to 64 characters `[0-9A-Z]`.
        public var bankAccount: String

        /// Creates an entry.
        public init(bankBIN: String, bankAccount: String) {
            self.bankBIN = bankBIN
            self.bankAccount = bankAccount
        }

        enum CodingKeys: String, CodingKey {
            case bankBIN = "bank_bin"
            case bankAccount = "bank_account"
        }
    }

    /// Body of `POST /v1/accounts:inquire`.
    public struct InquireRequest: Codable, Hashable, Sendable {
        /// The accounts to look up.
        public var accounts: [Account]
        /// Creates a request body.
        public init(accounts: [Account]) { self.accounts = accounts }
    }

    /// One answer.
    public struct Result: Codable, Hashable, Sendable {
        /// As requested.
        public var bankBIN: String
        /// As requested.
        public var bankAccount: String
        /// `found` or `not_found`.
        public var status: String
        /// The holder name as the bank keeps it (upper case, no diacritics); required when `found`.
        public var holderName: String?

        /// Creates an answer.
        public init(bankBIN: String, bankAccount: String, status: String, holderName: String?) {
            self.bankBIN = bankBIN
            self.bankAccount = bankAccount
            self.status = status
            self.holderName = holderName
        }

        enum CodingKeys: String, CodingKey {
            case bankBIN = "bank_bin"
            case bankAccount = "bank_account"
            case status
            case holderName = "holder_name"
        }
    }

    /// Body of a `200` answer.
    public struct InquireResponse: Codable, Hashable, Sendable {
        /// One result per requested account.
        public var results: [Result]
        /// Creates a response body.
        public init(results: [Result]) { self.results = results }
    }
}
