import Foundation
@testable import PensionDomain

/// Parses an ISO-8601 instant for test vectors, e.g. `2026-11-20T21:00:00+07:00`; traps on a typo in a vector.
func outreachInstant(_ iso: String) -> Date {
    guard let date = ISO8601.parse(iso) else { fatalError("bad test instant \(iso)") }
    return date
}

/// A fixed national ID for notice-ID vectors.
func outreachNationalID(_ digits: String = "079204000123") -> NationalID {
    guard let id = try? NationalID.parse(digits) else { fatalError("bad test ID") }
    return id
}
