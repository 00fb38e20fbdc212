import Foundation
import Testing
@testable import PensionDomain

@Suite("Registration CSV rows")
struct RegistrationRowTests {
    static let columns = ["national_id", "bank_bin", "bank_account", "holder_name", "authorised_holder_id",
                          "authorisation_expires", "channel", "requested_at"]
    static let header = try! RegistrationHeader(fields: columns)

    private func row(_ overrides: [String: String] = [:], line: Int = 7) -> CSVRecord {
        let base: [String: String] = [
            "national_id": "079050001234", "bank_bin": "970436", "bank_account": "0071 000.123-456",
            "holder_name": " Nguye\u{0302}\u{0303}n  Thị\u{00A0}Ánh Đào ", "authorised_holder_id": "",
            "authorisation_expires": "", "channel": "Payment Point", "requested_at": "2026-11-20 10:15",
        ]
        let merged = base.merging(overrides) { $1 }
        return CSVRecord(fields: Self.columns.map { merged[$0] ?? "" }, line: line)
    }

    private func rowError(_ overrides: [String: String], line: Int = 7) -> RosterRowError? {
        if case .failure(let error) = RegistrationRowParser.parse(row(overrides, line: line), header: Self.header) { return error }
        return nil
    }

    @Test func parsesAFullRow() throws {
        let request = try RegistrationRowParser.parse(row(), header: Self.header).get()
        #expect(request.nationalID.digits == "079050001234")
        #expect(request.bankBIN == "970436")
        #expect(request.bankAccount == "0071000123456")
        #expect(request.holderName == "Nguyễn Thị Ánh Đào")
        #expect(request.authorisedHolderID == nil && request.authorisationExpires == nil)
        #expect(request.channel == .paymentPoint)
        #expect(request.requestedAt == PaymentCalendar.parseInstant("2026-11-20T03:15:00Z"))
    }

    @Test func parsesAnAuthorisation() throws {
        let request = try RegistrationRowParser.parse(
            row(["authorised_holder_id": "001150001234", "authorisation_expires": "31/01/2027", "channel": "VssID"]),
            header: Self.header).get()
        #expect(request.authorisedHolderID?.digits == "001150001234")
        #expect(request.authorisationExpires?.iso == "2027-01-31")
        #expect(request.channel == .vssid)
        #expect(request.authorisation()?.madeUnderOldLaw == false)
    }

    @Test func headerInAnyOrderWithExtraColumnsAndWithoutOptionalOnes() throws {
        let header = try RegistrationHeader(fields: [" REQUESTED_AT ", "Channel", "notes", "holder_name", "bank_account",
                                                     "bank_bin", "national_id"])
        #expect(header.index(of: .authorisedHolderID) == nil)
        let record = CSVRecord(fields: ["2026-11-20T10:15:00+07:00", "bank", "anything", "Lê Văn Hòa", "123456789",
                                        "970405", "001150001234"], line: 3)
        let request = try RegistrationRowParser.parse(record, header: header).get()
        #expect(request.channel == .bank && request.bankBIN == "970405" && request.bankAccount == "123456789")
        #expect(request.authorisedHolderID == nil)
    }

    @Test func headerErrors() {
        #expect(throws: RosterHeaderError(code: .missingColumns, columns: ["bank_account", "requested_at"],
                                          message: "header: missing required column(s) bank_account, requested_at")) {
            try RegistrationHeader(fields: ["national_id", "bank_bin", "holder_name", "channel"])
        }
        #expect(throws: RosterHeaderError.self) {
            try RegistrationHeader(fields: Self.columns + ["Bank_BIN"])
        }
        do {
            _ = try RegistrationHeader(fields: Self.columns + [" bank_bin"])
            Issue.record("expected a duplicate-column error")
        } catch {
            #expect(error.code == .duplicateColumn && error.columns == ["bank_bin"])
        }
    }

    @Test("row errors name line and field but not the value", arguments: [
        ("national_id", "123456789", "old 9-digit CMND number — the 12-digit personal ID number is needed"),
        ("national_id", "", "is empty"),
        ("national_id", "07905000123X", nil),
        ("bank_bin", "", "is empty"),
        ("bank_bin", "97043", "a BIN has exactly 6 digits"),
        ("bank_bin", "VCB", "a BIN has exactly 6 digits"),
        ("bank_account", "", "is empty"),
        ("bank_account", " - . ", "is empty"),
        ("bank_account", String(repeating: "1", count: 65), "is longer than 64 characters"),
        ("holder_name", "\u{00A0}\u{200B}", "is empty"),
        ("holder_name", String(repeating: "A", count: 201), "is longer than 200 characters"),
        ("authorised_holder_id", "12345", nil),
        ("authorisation_expires", "2027-01", nil),
        ("channel", "", "is empty"),
        ("channel", "fax", "expected payment_point, bank, vssid or web"),
        ("requested_at", "", "is empty"),
        ("requested_at", "tomorrow", nil),
        ("requested_at", "2026-11-31 10:00", nil),
    ] as [(String, String, String?)])
    func rowErrors(field: String, value: String, message: String?) throws {
        let error = try #require(rowError([field: value], line: 42))
        #expect(error.line == 42)
        #expect(error.field == field)
        if let message { #expect(error.message == message) }
        #expect(error.description.hasPrefix("line 42: \(field): "))
        if value.count >= 4 { #expect(!error.description.contains(value)) }
    }

    @Test func authorisationNeedsBothFields() throws {
        let noExpiry = try #require(rowError(["authorised_holder_id": "001150001234"]))
        #expect(noExpiry.field == "authorisation_expires")
        #expect(noExpiry.message == "is required when authorised_holder_id is given")
        let noHolder = try #require(rowError(["authorisation_expires": "2027-01-31"]))
        #expect(noHolder.field == "authorised_holder_id")
        let partial = try #require(rowError(["authorised_holder_id": "001150001234", "authorisation_expires": "2027"]))
        #expect(partial.field == "authorisation_expires" && partial.message == "needs a full date (day, month and year)")
        let badDate = try #require(rowError(["authorised_holder_id": "001150001234", "authorisation_expires": "31/02/2027"]))
        #expect(badDate.field == "authorisation_expires")
    }

    @Test func wrongFieldCount() throws {
        let record = CSVRecord(fields: ["079050001234", "970436"], line: 9)
        guard case .failure(let error) = RegistrationRowParser.parse(record, header: Self.header) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error == RosterRowError(line: 9, field: "row", message: "has 2 fields, the header has 8"))
    }

    @Test func businessRulesAreNotIntakeErrors() throws {
        // Unknown banks, cards, e-wallets and short accounts are decisions with a recorded reason, not row errors.
        for overrides in [["bank_bin": "123456"], ["bank_account": "9704361234567895"], ["bank_account": "99MM24011M34875080"],
                          ["bank_account": "123"], ["bank_bin": "971025"]] {
            #expect(rowError(overrides) == nil)
        }
    }

    @Test func lineNumbersFromAFileWithAMultiLineField() throws {
        let text = """
            national_id,bank_bin,bank_account,holder_name,channel,requested_at\r
            079050001234,970436,0071000123456,"Nguyễn Văn
            Hòa",bank,2026-11-20 10:15\r
            079050001235,97043,0071000123456,Lê Thị Hoa,bank,2026-11-20 10:15\r
            \r
            079050001236,970436,0071000123456,Trần Văn An,bank,2026-13-01\r

            """
        var parser = CSVRecordParser()
        var records = parser.feed(Array(text.utf8))
        records += try parser.finish()
        let header = try RegistrationHeader(fields: records[0].fields)
        let results = records.dropFirst().map { RegistrationRowParser.parse($0, header: header) }
        #expect(results.count == 3)
        #expect((try? results[0].get())?.holderName == "Nguyễn Văn Hòa")
        if case .failure(let error) = results[1] { #expect(error.line == 4 && error.field == "bank_bin") } else { Issue.record() }
        if case .failure(let error) = results[2] { #expect(error.line == 6 && error.field == "requested_at") } else { Issue.record() }
    }

    @Test("channels", arguments: [
        ("payment_point", RegistrationChannel.paymentPoint), ("Payment-Point", .paymentPoint), ("Điểm chi trả", .paymentPoint),
        ("BANK", .bank), ("ngân hàng", .bank), ("VssID", .vssid), ("vss_id", .vssid), ("web", .web), ("HTTP", .web),
    ] as [(String, RegistrationChannel)])
    func channels(raw: String, expected: RegistrationChannel) {
        #expect(RegistrationChannel(parsing: raw) == expected)
    }
}

@Suite("Registration JSON")
struct RegistrationJSONTests {
    static let valid = """
        {"national_id":"079050001234","bank_bin":"970436","bank_account":"0071 000 123 456",
         "holder_name":"Nguyễn Thị Ánh Đào","authorised_holder_id":"001150001234","authorisation_expires":"2027-01-31",
         "channel":"web","requested_at":"2026-11-20T10:15:00+07:00"}
        """

    private func decode(_ json: String, maxBytes: Int = 16_384) -> Result<RegistrationRequest, TaskDecodeError> {
        RegistrationRequest.decodeJSON(Array(json.utf8), maxBytes: maxBytes)
    }

    private func failure(_ json: String) -> TaskDecodeError? {
        if case .failure(let error) = decode(json) { return error }
        return nil
    }

    private func variant(_ key: String, _ value: Any?) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(Self.valid.utf8)) as? [String: Any])
        object[key] = value
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func decodesAValidBody() throws {
        let request = try decode(Self.valid).get()
        #expect(request.nationalID.digits == "079050001234")
        #expect(request.bankAccount == "0071000123456")
        #expect(request.authorisedHolderID?.digits == "001150001234")
        #expect(request.authorisationExpires?.iso == "2027-01-31")
        #expect(request.channel == .web)
        #expect(request.requestedAt == PaymentCalendar.parseInstant("2026-11-20T03:15:00Z"))
    }

    @Test func optionalFieldsMayBeAbsentNullOrEmpty() throws {
        for value in [nil, NSNull(), ""] as [Any?] {
            var json = try variant("authorised_holder_id", value)
            var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            object["authorisation_expires"] = value
            json = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            let request = try decode(json).get()
            #expect(request.authorisedHolderID == nil && request.authorisationExpires == nil)
        }
    }

    @Test func roundTripsWithSnakeCaseKeys() throws {
        let request = try decode(Self.valid).get()
        let data = try JSONEncoder().encode(request)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(Set(object.keys) == ["national_id", "bank_bin", "bank_account", "holder_name", "authorised_holder_id",
                                     "authorisation_expires", "channel", "requested_at"])
        #expect(object["requested_at"] == "2026-11-20T03:15:00Z")
        #expect(object["authorisation_expires"] == "2027-01-31")
        #expect(object["bank_account"] == "0071000123456")
        #expect(try JSONDecoder().decode(RegistrationRequest.self, from: data) == request)
        let minimal = RegistrationRequest(nationalID: request.nationalID, bankBIN: "970436", bankAccount: "123456",
                                          holderName: "A", channel: .bank, requestedAt: request.requestedAt)
        let minimalObject = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(minimal)) as? [String: String])
        #expect(minimalObject["authorised_holder_id"] == nil && minimalObject["authorisation_expires"] == nil)
    }

    @Test("missing required fields", arguments: ["national_id", "bank_bin", "bank_account", "holder_name", "channel", "requested_at"])
    func missing(field: String) throws {
        let error = try #require(failure(try variant(field, nil)))
        #expect(error.code == .missingField && error.field == field)
    }

    @Test("invalid fields name the field, never the value", arguments: [
        ("national_id", .string("123456789")), ("bank_bin", .string("97043")), ("bank_bin", .number(970436)),
        ("authorised_holder_id", .string("0011500012")), ("authorisation_expires", .string("2027-01")),
        ("channel", .string("carrier pigeon")), ("requested_at", .string("soon")), ("requested_at", .number(1_790_000_000)),
        ("bank_account", .array(["0071000123456"])),
    ] as [(String, JSONTestValue)])
    func invalid(field: String, value: JSONTestValue) throws {
        let error = try #require(failure(try variant(field, value.object)))
        #expect(error.code == .invalidField)
        #expect(error.field == field)
        #expect(error.message.contains(field))
        if case .string(let text) = value, text.count >= 4 { #expect(!error.description.contains(text)) }
    }

    @Test("empty required strings count as missing", arguments: ["national_id", "bank_account", "holder_name", "channel"])
    func emptyIsMissing(field: String) throws {
        let error = try #require(failure(try variant(field, " \u{00A0}")))
        #expect(error.code == .missingField && error.field == field)
    }

    @Test func bodyLevelErrors() {
        #expect(failure("not json")?.code == .malformedJSON)
        #expect(failure("[1,2]")?.code == .malformedJSON)
        #expect(decode(Self.valid, maxBytes: 10).failureCode == .tooLarge)
        #expect(RegistrationRequest.decodeJSON([0x7B, 0xFF, 0x7D]).failureCode == .invalidUTF8)
    }

    @Test func codableDecodingFailsWithoutLeakingValues() throws {
        let json = try variant("national_id", "123456789")
        do {
            _ = try JSONDecoder().decode(RegistrationRequest.self, from: Data(json.utf8))
            Issue.record("expected a decoding error")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.contains("national_id"))
            #expect(!context.debugDescription.contains("123456789"))
        }
    }

    @Test func descriptionIsMasked() throws {
        let request = try decode(Self.valid).get()
        let text = "\(request)"
        #expect(!text.contains("079050001234") && !text.contains("001150001234") && !text.contains("0071000123456"))
        #expect(!text.contains("Nguyễn") && !text.contains("NGUYEN"))
        #expect(text.contains("079*******34") && text.contains("**********456"))
    }

    @Test func validateReportsTheFirstProblem() {
        #expect(throws: FieldError(field: "bank_bin", message: "is empty")) {
            try RegistrationRequest.validate(nationalID: "079050001234", bankBIN: " ", bankAccount: "123456", holderName: "A",
                                             channel: "bank", requestedAt: "2026-11-20")
        }
    }
}

fileprivate extension Result where Failure == TaskDecodeError {
    var failureCode: TaskDecodeError.Code? {
        if case .failure(let error) = self { return error.code }
        return nil
    }
}

/// A JSON value for parameterised tests (`Any` is not `Sendable`); `absent` removes the key.
enum JSONTestValue: Sendable {
    case absent
    case string(String)
    case number(Int)
    case array([String])

    var object: Any? {
        switch self {
        case .absent: nil
        case .string(let value): value
        case .number(let value): value
        case .array(let value): value
        }
    }
}
