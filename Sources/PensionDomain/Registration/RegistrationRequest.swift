import Foundation

/// A validated request to pay a beneficiary into a bank account instead of cash.
///
/// Only the form is validated here (ID numbers, dates, required values). Whether the bank is
/// known and the account is a deposit account are decisions (`RegistrationRules`), so that they
/// are recorded with a reason instead of disappearing at intake. `description` masks personal data.
public struct RegistrationRequest: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Longest accepted raw account string, to bound memory and keys (the rules allow 19).
    public static let maxAccountLength = 64
    /// Longest accepted holder name, in characters.
    public static let maxHolderNameLength = 200

    /// `national_id`: the beneficiary.
    public var nationalID: NationalID
    /// `bank_bin`: six ASCII digits (not necessarily a known bank).
    public var bankBIN: String
    /// `bank_account`: normalised by `AccountNumberCheck.normalize` (no spaces, dots or dashes; upper case).
    public var bankAccount: String
    /// `holder_name`: the account holder as written on the form (NFC, single spaces).
    public var holderName: String
    /// `authorised_holder_id`: the relative holding the account, when paid under an authorisation.
    public var authorisedHolderID: NationalID?
    /// `authorisation_expires`: the authorisation's last valid day (complete date); present exactly when
    /// `authorisedHolderID` is.
    public var authorisationExpires: PartialDate?
    /// `channel`.
    public var channel: RegistrationChannel
    /// `requested_at`: when the beneficiary made the request.
    public var requestedAt: Date

    /// Creates a request from already-typed values; `bankAccount` is normalised.
    public init(nationalID: NationalID, bankBIN: String, bankAccount: String, holderName: String,
                authorisedHolderID: NationalID? = nil, authorisationExpires: PartialDate? = nil,
                channel: RegistrationChannel, requestedAt: Date) {
        self.nationalID = nationalID
        self.bankBIN = UnicodeText.trimmed(bankBIN)
        self.bankAccount = AccountNumberCheck.normalize(bankAccount)
        self.holderName = PersonName.normalized(holderName)
        self.authorisedHolderID = authorisedHolderID
        self.authorisationExpires = authorisationExpires
        self.channel = channel
        self.requestedAt = requestedAt
    }

    /// Validates raw field values (as read from a CSV row or a form); empty optional values count as absent.
    ///
    /// - Parameter utcOffsetSeconds: the zone of `requested_at` values written without one.
    public static func validate(
        nationalID: String?, bankBIN: String?, bankAccount: String?, holderName: String?,
        authorisedHolderID: String? = nil, authorisationExpires: String? = nil,
        channel: String?, requestedAt: String?,
        utcOffsetSeconds: Int = PaymentCalendar.vietnamUTCOffsetSeconds
    ) throws(FieldError) -> RegistrationRequest {
        let wire = WireRegistrationRequest(
            nationalID: nationalID, bankBIN: bankBIN, bankAccount: bankAccount, holderName: holderName,
            authorisedHolderID: authorisedHolderID, authorisationExpires: authorisationExpires,
            channel: channel, requestedAt: requestedAt)
        switch wire.validated(utcOffsetSeconds: utcOffsetSeconds) {
        case .success(let request): return request
        case .failure(.missing(let field)): throw FieldError(field: field, message: "is empty")
        case .failure(.invalid(let error)): throw error
        }
    }

    /// The authorisation carried by the request, if any; `madeUnderOldLaw` is whether the request
    /// itself predates the new law (a request made before 01/07/2025 can only carry an old-law one).
    public func authorisation(policy: RegistrationPolicy = .standard) -> Authorisation? {
        guard let authorisedHolderID, let authorisationExpires else { return nil }
        let requestDay = PaymentCalendar.localDay(of: requestedAt, utcOffsetSeconds: policy.utcOffsetSeconds)
        return try? Authorisation(holderID: authorisedHolderID, expires: authorisationExpires,
                                  madeUnderOldLaw: policy.authorisation.isOldLaw(grantedOn: requestDay))
    }

    /// Masked ID and account, bank BIN, channel and time; the holder name is masked too.
    public var description: String {
        var text = "RegistrationRequest(\(nationalID.masked), \(bankBIN) \(Masking.account(bankAccount)), "
            + "holder \(PersonName.masked(holderName))"
        if let authorisedHolderID { text += ", authorised \(authorisedHolderID.masked)" }
        return text + ", \(channel.rawValue), \(ISO8601.format(requestedAt)))"
    }

    enum CodingKeys: String, CodingKey {
        case nationalID = "national_id"
        case bankBIN = "bank_bin"
        case bankAccount = "bank_account"
        case holderName = "holder_name"
        case authorisedHolderID = "authorised_holder_id"
        case authorisationExpires = "authorisation_expires"
        case channel
        case requestedAt = "requested_at"
    }

    /// Decodes the snake_case JSON form and validates it like `validate`, reporting the first problem
    /// as `DecodingError.dataCorrupted` (naming the field, never its value).
    public init(from decoder: any Decoder) throws {
        let wire = try WireRegistrationRequest(from: decoder)
        switch wire.validated() {
        case .success(let request): self = request
        case .failure(let issue):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: issue.message))
        }
    }

    /// Encodes the snake_case JSON form: IDs as 12-digit strings, `authorisation_expires` as `YYYY-MM-DD`,
    /// `requested_at` as an ISO-8601 UTC instant. Absent optionals are omitted.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nationalID.digits, forKey: .nationalID)
        try container.encode(bankBIN, forKey: .bankBIN)
        try container.encode(bankAccount, forKey: .bankAccount)
        try container.encode(holderName, forKey: .holderName)
        try container.encodeIfPresent(authorisedHolderID?.digits, forKey: .authorisedHolderID)
        try container.encodeIfPresent(authorisationExpires?.iso, forKey: .authorisationExpires)
        try container.encode(channel.rawValue, forKey: .channel)
        try container.encode(ISO8601.format(requestedAt), forKey: .requestedAt)
    }
}
