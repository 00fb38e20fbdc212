import Foundation

/// Validates one registration-request record, reporting the first problem per row as a
/// `RosterRowError` (`line N: field: message`, never the value).
public enum RegistrationRowParser: Sendable {
    /// Parses a data record against the header.
    ///
    /// - Parameter utcOffsetSeconds: the zone of `requested_at` values written without one (Vietnam time).
    public static func parse(_ record: CSVRecord, header: RegistrationHeader,
                             utcOffsetSeconds: Int = PaymentCalendar.vietnamUTCOffsetSeconds) -> Result<RegistrationRequest, RosterRowError> {
        guard record.fields.count == header.fieldCount else {
            return .failure(RosterRowError(line: record.line, field: "row",
                                           message: "has \(record.fields.count) fields, the header has \(header.fieldCount)"))
        }
        if let error = header.controlCharacterError(in: record) { return .failure(error) }
        func value(_ column: RegistrationColumn) -> String? {
            guard let index = header.index(of: column) else { return nil }
            return record.fields[index]
        }
        let wire = WireRegistrationRequest(
            nationalID: value(.nationalID), bankBIN: value(.bankBIN), bankAccount: value(.bankAccount),
            holderName: value(.holderName), authorisedHolderID: value(.authorisedHolderID),
            authorisationExpires: value(.authorisationExpires), channel: value(.channel),
            requestedAt: value(.requestedAt))
        switch wire.validated(utcOffsetSeconds: utcOffsetSeconds) {
        case .success(let request):
            return .success(request)
        case .failure(.missing(let field)):
            return .failure(RosterRowError(line: record.line, field: field, message: "is empty"))
        case .failure(.invalid(let error)):
            return .failure(RosterRowError(line: record.line, field: error.field, message: error.message))
        }
    }
}
