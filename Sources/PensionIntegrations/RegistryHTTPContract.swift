import Foundation
import PensionDomain

/// The JSON-over-HTTP contract of the population-registry lookup service, shared by
/// ``HTTPPopulationRegistry`` (the client) and ``RegistrySimulator`` (the test and demo server).
///
/// # Population registry lookup service — HTTP contract (v1)
///
/// ## Authentication
/// Every request to `/v1/…` carries `Authorization: Bearer <api key>` when the service is configured
/// with a key. A missing or wrong key is answered `401 Unauthorized` (no body is guaranteed).
/// The key is read by the caller from a file or the environment and never logged.
/// Transport may additionally be mutual TLS (client certificate and key, private CA).
///
/// ## `POST /v1/people:lookup`
/// Request headers: `Content-Type: application/json`, `Accept: application/json`.
/// Request body:
/// ```json
/// {"national_ids": ["079123456789", "001987654321"]}
/// ```
/// - `national_ids`: 1 to 1000 personal identification numbers, each exactly 12 ASCII digits.
///   More than 1000, an empty list, a malformed number or malformed JSON → `400 Bad Request`.
///   Clients split larger lookups into several requests.
///
/// `200 OK` body:
/// ```json
/// {"people": [
///   {"national_id": "079123456789", "full_name": "Nguyễn Văn An", "date_of_birth": "1950-03",
///    "sex": "M", "status": "alive", "province_code": "79", "commune_code": "26734"},
///   {"national_id": "001987654321", "full_name": "Trần Thị Bình", "date_of_birth": "1948",
///    "status": "deceased", "date_of_death": "2025-11-02"}
/// ]}
/// ```
/// - Unknown numbers are simply absent from `people`; the order of `people` is not significant.
/// - `national_id` (string, 12 digits, required): one of the requested numbers, at most once.
/// - `full_name` (string, required, not blank): the registered full name, UTF-8 (NFC preferred).
/// - `date_of_birth` (string, optional): ISO partial date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
/// - `sex` (string, optional): `"M"` or `"F"`.
/// - `status` (string, required): `"alive"` or `"deceased"`.
/// - `date_of_death` (string, optional, only when `deceased`): ISO partial date as above.
/// - `province_code` (string, optional): 2 digits. `commune_code` (string, optional): 5 digits.
/// - Optional fields may be absent or `null`. Unknown extra fields are ignored (forward compatible).
/// - Clients decode strictly: an entry that breaks any rule above makes the whole response invalid
///   (the lookup fails and is retried later); entries are never silently dropped.
///
/// ## Errors and flow control
/// - `401 Unauthorized`: missing or wrong API key (not retried; a configuration problem).
/// - `429 Too Many Requests` with `Retry-After: <seconds>` (integer): throttled; the client waits that
///   long before retrying, or gives up at once if it is longer than its configured cap.
/// - `5xx` (typically `503 Service Unavailable`): transient failure, retried with jittered back-off.
///
/// ## `GET /healthz`
/// `200 OK` (body `ok`) when the service is up; needs no API key.
public enum RegistryHTTPContract {
    /// Path of the batch lookup endpoint.
    public static let lookupPath = "/v1/people:lookup"
    /// Path of the health endpoint.
    public static let healthPath = "/healthz"
    /// The most ID numbers one lookup request may carry.
    public static let maxIDsPerRequest = 1000

    /// Body of `POST /v1/people:lookup`.
    public struct LookupRequest: Codable, Hashable, Sendable {
        /// The 12-digit numbers to look up.
        public var nationalIDs: [String]

        /// Creates a request body.
        public init(nationalIDs: [String]) { self.nationalIDs = nationalIDs }

        enum CodingKeys: String, CodingKey {
            case nationalIDs = "national_ids"
        }
    }

    /// Body of a `200` answer to `POST /v1/people:lookup`.
    public struct LookupResponse: Codable, Hashable, Sendable {
        /// The people found; unknown numbers are absent.
        public var people: [Person]

        /// Creates a response body.
        public init(people: [Person]) { self.people = people }
    }
}
