import Foundation

/// The lenient first pass over a registration request: every field an optional string, so that
/// "missing" and "invalid" are told apart, and the CSV, JSON and task forms share one set of rules.
struct WireRegistrationRequest: Decodable {
    /// A problem with one field; messages never contain the value.
    enum Issue: Error {
        /// A required field is absent, null or empty.
        case missing(String)
        /// A field has an unusable value.
        case invalid(FieldError)

        var field: String {
            switch self {
            case .missing(let field): field
            case .invalid(let error): error.field
            }
        }

        var message: String {
            switch self {
            case .missing(let field): "\(field): is missing or empty"
            case .invalid(let error): error.description
            }
        }
    }

    var nationalID: String?
    var bankBIN: String?
    var bankAccount: String?
    var holderName: String?
    var authorisedHolderID: String?
    var authorisationExpires: String?
    var channel: String?
    var requestedAt: String?

    typealias CodingKeys = RegistrationRequest.CodingKeys

    init(nationalID: String?, bankBIN: String?, bankAccount: String?, holderName: String?,
         authorisedHolderID: String?, authorisationExpires: String?, channel: String?, requestedAt: String?) {
        self.nationalID = nationalID
        self.bankBIN = bankBIN
        self.bankAccount = bankAccount
        self.holderName = holderName
        self.authorisedHolderID = authorisedHolderID
        self.authorisationExpires = authorisationExpires
        self.channel = channel
        self.requestedAt = requestedAt
    }

    /// Checks fields in column order and returns the first problem.
    func validated(utcOffsetSeconds: Int = PaymentCalendar.vietnamUTCOffsetSeconds) -> Result<RegistrationRequest, Issue> {
        do {
            return .success(try request(utcOffsetSeconds: utcOffsetSeconds))
        } catch {
            return .failure(error)
        }
    }

    private func request(utcOffsetSeconds: Int) throws(Issue) -> RegistrationRequest {
        func present(_ value: String?) -> String? {
            guard let value else { return nil }
            let text = UnicodeText.trimmed(value)
            return text.isEmpty ? nil : text
        }
        func required(_ value: String?, _ key: CodingKeys) throws(Issue) -> String {
            guard let text = present(value) else { throw .missing(key.rawValue) }
            return text
        }
        func invalid(_ key: CodingKeys, _ message: String) -> Issue {
            .invalid(FieldError(field: key.rawValue, message: message))
        }

        let rawID = try required(nationalID, .nationalID)
        let id: NationalID
        do {
            id = try NationalID.parse(rawID)
        } catch {
            throw invalid(.nationalID, error.message)
        }

        let bin = try required(bankBIN, .bankBIN)
        guard bin.utf8.count == 6, UnicodeText.isASCIIDigits(bin) else {
            throw invalid(.bankBIN, "a BIN has exactly 6 digits")
        }

        let account = AccountNumberCheck.normalize(try required(bankAccount, .bankAccount))
        guard !account.isEmpty else { throw .missing(CodingKeys.bankAccount.rawValue) }
        guard account.count <= RegistrationRequest.maxAccountLength else {
            throw invalid(.bankAccount, "is longer than \(RegistrationRequest.maxAccountLength) characters")
        }

        let name = PersonName.normalized(try required(holderName, .holderName))
        guard !name.isEmpty else { throw .missing(CodingKeys.holderName.rawValue) }
        guard name.count <= RegistrationRequest.maxHolderNameLength else {
            throw invalid(.holderName, "is longer than \(RegistrationRequest.maxHolderNameLength) characters")
        }

        var holderID: NationalID?
        if let raw = present(authorisedHolderID) {
            do {
                holderID = try NationalID.parse(raw)
            } catch {
                throw invalid(.authorisedHolderID, error.message)
            }
        }

        var expires: PartialDate?
        if let raw = present(authorisationExpires) {
            let date: PartialDate
            do {
                date = try PartialDate.parse(raw, field: CodingKeys.authorisationExpires.rawValue)
            } catch {
                throw .invalid(error)
            }
            guard date.isComplete else { throw invalid(.authorisationExpires, "needs a full date (day, month and year)") }
            expires = date
        }
        if holderID != nil, expires == nil {
            throw invalid(.authorisationExpires, "is required when authorised_holder_id is given")
        }
        if holderID == nil, expires != nil {
            throw invalid(.authorisedHolderID, "is required when authorisation_expires is given")
        }

        let rawChannel = try required(channel, .channel)
        let parsedChannel: RegistrationChannel
        do {
            parsedChannel = try RegistrationChannel.parse(rawChannel)
        } catch {
            throw .invalid(error)
        }

        let rawTime = try required(requestedAt, .requestedAt)
        guard let time = PaymentCalendar.parseInstant(rawTime, utcOffsetSeconds: utcOffsetSeconds) else {
            throw invalid(.requestedAt,
                          "expected an ISO-8601 instant (2026-11-20T10:15:00+07:00) or a local time YYYY-MM-DD HH:MM, years 2000–2199")
        }

        return RegistrationRequest(
            nationalID: id, bankBIN: bin, bankAccount: account, holderName: name,
            authorisedHolderID: holderID, authorisationExpires: expires,
            channel: parsedChannel, requestedAt: time)
    }
}
