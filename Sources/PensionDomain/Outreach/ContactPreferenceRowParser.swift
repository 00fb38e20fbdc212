import Foundation

/// Validates one contact-preferences record, reporting the first problem per row as a
/// `RosterRowError` (`line N: field: message`, never the value).
public enum ContactPreferenceRowParser: Sendable {
    /// Parses a data record against the header.
    public static func parse(_ record: CSVRecord, header: CSVHeader<ContactPreferenceColumn>) -> Result<ContactPreferenceUpdate, RosterRowError> {
        guard record.fields.count == header.fieldCount else {
            return .failure(RosterRowError(line: record.line, field: "row",
                                           message: "has \(record.fields.count) fields, the header has \(header.fieldCount)"))
        }
        if let error = header.controlCharacterError(in: record) { return .failure(error) }
        func fail(_ column: ContactPreferenceColumn, _ message: String) -> Result<ContactPreferenceUpdate, RosterRowError> {
            .failure(RosterRowError(line: record.line, field: column.rawValue, message: message))
        }
        /// The trimmed value; `.some(nil)` for an empty cell, nil for an absent column.
        func cell(_ column: ContactPreferenceColumn) -> String?? {
            guard let raw = header.value(column, in: record) else { return nil }
            let value = UnicodeText.trimmed(raw)
            return .some(value.isEmpty ? nil : UnicodeText.collapsedWhitespace(value).precomposedStringWithCanonicalMapping)
        }

        guard case .some(.some(let rawID)) = cell(.nationalID) else { return fail(.nationalID, "is empty") }
        let id: NationalID
        do {
            id = try NationalID.parse(rawID)
        } catch {
            return fail(.nationalID, error.message)
        }
        var update = ContactPreferenceUpdate(nationalID: id)

        if let value = cell(.preferredChannel) {
            if let name = value {
                guard let channel = NoticeChannel(rawValue: name.lowercased()) else {
                    return fail(.preferredChannel, "must be one of \(NoticeChannel.allCases.map(\.rawValue).joined(separator: ", ")), or empty")
                }
                update.preferredChannel = .some(channel)
            } else {
                update.preferredChannel = .some(nil)
            }
        }
        for column in [ContactPreferenceColumn.optedOut, .zaloAvailable] {
            guard let value = cell(column) else { continue }
            guard let flag = value.map(Self.flag) ?? false else { return fail(column, "must be yes or no (or 1/0, true/false, có/không)") }
            if column == .optedOut { update.optedOut = flag } else { update.zaloAvailable = flag }
        }
        if let value = cell(.email) {
            if let address = value, !Self.looksLikeEmail(address) { return fail(.email, "is not an e-mail address") }
            update.email = .some(value)
        }
        if let value = cell(.postalAddress) {
            if let address = value, address.count > 300 { return fail(.postalAddress, "is longer than 300 characters") }
            update.postalAddress = .some(value)
        }
        return .success(update)
    }

    /// yes/no in the forms provincial spreadsheets use; nil for anything else.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "yes", "y", "true", "có", "co", "x": true
        case "0", "no", "n", "false", "không", "khong": false
        default: nil
        }
    }

    /// One `@`, something before it, a dot in the domain, no spaces: enough to catch typos and
    /// swapped columns without pretending to validate RFC 5322.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        guard let dot = domain.lastIndex(of: "."), dot != domain.startIndex, domain.index(after: dot) != domain.endIndex else { return false }
        return text.count <= 254
    }
}
