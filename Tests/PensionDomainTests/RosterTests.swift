import Testing
@testable import PensionDomain

@Suite("Roster")
struct RosterTests {
    static let columns = ["national_id", "full_name", "date_of_birth", "sex", "province_code", "commune_code", "phone",
                          "payment_method", "bank_bin", "bank_account", "legacy_bhxh_code"]
    static let header = try! RosterHeader(fields: columns)

    private func row(_ overrides: [String: String] = [:], line: Int = 17) -> CSVRecord {
        let base: [String: String] = [
            "national_id": "079050001234", "full_name": " Nguye\u{0302}\u{0303}n  Văn\u{00A0}Hòa ", "date_of_birth": "07/03/1950",
            "sex": "Nam", "province_code": "74", "commune_code": "25747", "phone": "+84 912.345-678",
            "payment_method": "TK", "bank_bin": "970436", "bank_account": "0071 000 123 456", "legacy_bhxh_code": "7912345645",
        ]
        let merged = base.merging(overrides) { $1 }
        return CSVRecord(fields: Self.columns.map { merged[$0] ?? "" }, line: line)
    }

    private func rowError(_ overrides: [String: String]) -> RosterRowError? {
        if case .failure(let error) = RosterRowParser.parse(row(overrides), header: Self.header) { return error }
        return nil
    }

    /// A NUL would cut the value short inside SQLite (and once aborted a whole import at the database's CHECK).
    @Test(arguments: ["full_name", "commune_code", "phone", "bank_account"])
    func controlCharactersAreRefusedWithTheColumn(_ column: String) {
        for bad in ["\u{0000}", "Lê\u{0000}Hoa", "\u{001B}[31m", "x\u{007F}"] {
            #expect(rowError([column: bad])?.field == column)
        }
        // Tabs and line breaks inside a cell are white space, not control data.
        #expect(rowError(["full_name": "Lê\tThị\nHoa"]) == nil)
    }

    @Test func parsesAFullRow() throws {
        let entry = try RosterRowParser.parse(row(), header: Self.header).get()
        #expect(entry.nationalID.digits == "079050001234")
        #expect(entry.fullName == "Nguyễn Văn Hòa")
        #expect(entry.fullName.unicodeScalars.count == "Nguyễn Văn Hòa".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(entry.dateOfBirth.iso == "1950-03-07")
        #expect(entry.sex == .male)
        #expect(entry.provinceCode == "79")
        #expect(entry.sourceProvinceCode == "74")
        #expect(entry.communeCode?.code == "25747")
        #expect(entry.phone == "0912345678")
        #expect(entry.paymentMethod == .bank)
        #expect(entry.bankBIN == "970436")
        #expect(entry.bankAccount == "0071000123456")
        #expect(entry.legacyBHXHCode?.digits == "7912345645")
        #expect(entry.warnings.isEmpty)
    }

    @Test func minimalHeaderDefaultsToCash() throws {
        let header = try RosterHeader(fields: [" Province_Code ", "FULL_NAME", "date_of_birth", "national_id", "notes"])
        let entry = try RosterRowParser.parse(CSVRecord(fields: ["27", "Lê Thị Hoa", "1950", "001150001234", "anything"], line: 2),
                                              header: header).get()
        #expect(entry.paymentMethod == .cash)
        #expect(entry.provinceCode == "24")
        #expect(entry.sex == nil && entry.phone == nil && entry.bankBIN == nil && entry.communeCode == nil)
        #expect(entry.dateOfBirth.month == nil)
    }

    @Test func emptyPaymentMethodIsCash() throws {
        let entry = try RosterRowParser.parse(row(["payment_method": "", "bank_bin": "", "bank_account": ""]), header: Self.header).get()
        #expect(entry.paymentMethod == .cash)
    }

    @Test("row errors name line and field but not the value", arguments: [
        ("national_id", "123456789", "old 9-digit CMND number — the 12-digit personal ID number is needed"),
        ("national_id", "", "is empty"),
        ("national_id", "7912345678", nil),
        ("full_name", " \u{00A0} ", "is empty"),
        ("date_of_birth", "31/02/1950", nil),
        ("date_of_birth", "", "is empty"),
        ("sex", "X", nil),
        ("province_code", "99", nil),
        ("province_code", "", "is empty"),
        ("commune_code", "1234", nil),
        ("phone", "12345", nil),
        ("phone", "+1 555 123 4567", nil),
        ("payment_method", "momo", nil),
        ("bank_bin", "970499", nil),
        ("bank_bin", "97043", nil),
        ("bank_account", "12345", nil),
        ("bank_account", "12345678901234567890", nil),
        ("bank_account", "0071-000", nil),
        ("legacy_bhxh_code", "791234564", nil),
    ] as [(String, String, String?)])
    func rowErrors(field: String, value: String, message: String?) throws {
        let error = try #require(rowError([field: value]))
        #expect(error.line == 17)
        #expect(error.field == field)
        if let message { #expect(error.message == message) }
        #expect(error.description.hasPrefix("line 17: \(field): "))
        if value.count >= 5 { #expect(!error.description.contains(value)) }
    }

    @Test func officerMessageForOldCMND() throws {
        let error = try #require(rowError(["national_id": "123456789"]))
        #expect(error.description == "line 17: national_id: old 9-digit CMND number — the 12-digit personal ID number is needed")
    }

    @Test func bankPaymentNeedsBINAndAccount() throws {
        #expect(rowError(["bank_bin": ""])?.field == "bank_bin")
        #expect(rowError(["bank_account": ""])?.field == "bank_account")
        #expect(rowError(["payment_method": "tiền mặt", "bank_bin": "", "bank_account": ""]) == nil)
    }

    @Test func wrongFieldCount() {
        let short = CSVRecord(fields: ["079050001234", "A"], line: 9)
        guard case .failure(let error) = RosterRowParser.parse(short, header: Self.header) else {
            Issue.record("expected failure")
            return
        }
        #expect(error.line == 9 && error.field == "row")
    }

    @Test("phones", arguments: [
        ("0912345678", "0912345678"), ("+84912345678", "0912345678"), ("091 234 5678", "0912345678"),
        ("091.234.5678", "0912345678"), ("091-234-5678", "0912345678"), ("+84 91 234 5678", "0912345678"),
    ])
    func phones(raw: String, expected: String) {
        #expect(RosterRowParser.normalizedPhone(raw) == expected)
    }

    @Test("bad phones", arguments: ["912345678", "09123456789", "1912345678", "+8491234567", "09123a5678", ""])
    func badPhones(raw: String) {
        #expect(RosterRowParser.normalizedPhone(raw) == nil)
    }

    @Test func warningsForIdentityAndAccountShape() throws {
        let card = try RosterRowParser.parse(row(["bank_account": "9704361234567890", "sex": "nữ"]), header: Self.header).get()
        #expect(card.warnings.map(\.code) == [IdentityWarning.sexDigitMismatchCode, "bank_account_looks_like_card"])
        let wallet = try RosterRowParser.parse(row(["bank_account": "99MM24011M34875080", "bank_bin": "970454"]), header: Self.header).get()
        #expect(wallet.warnings.map(\.code) == ["bank_account_looks_like_e_wallet"])
    }

    @Test func headerErrors() {
        do {
            _ = try RosterHeader(fields: ["national_id", "full_name"])
            Issue.record("expected a throw")
        } catch {
            #expect(error.code == .missingColumns)
            #expect(error.columns == ["date_of_birth", "province_code"])
        }
        do {
            _ = try RosterHeader(fields: ["national_id", "full_name", "date_of_birth", "province_code", " NATIONAL_ID"])
            Issue.record("expected a throw")
        } catch {
            #expect(error.code == .duplicateColumn)
            #expect(error.columns == ["national_id"])
        }
    }

    @Test func unknownDuplicateColumnsAreIgnored() throws {
        let header = try RosterHeader(fields: ["x", "national_id", "full_name", "date_of_birth", "province_code", "x"])
        #expect(header.fieldCount == 6)
        #expect(header.index(of: .nationalID) == 1)
        #expect(header.index(of: .phone) == nil)
    }

    @Test func endToEndFromCSVBytes() throws {
        let csv = "\u{FEFF}national_id,full_name,date_of_birth,province_code,sex\r\n"
            + "079050001234,\"Nguyễn Văn\r\nHòa\",1950,079,M\r\n"
            + "123456789,Lê Thị B,1950,01,F\r\n"
        var parser = CSVRecordParser()
        let records = parser.feed(Array(csv.utf8)) + (try parser.finish())
        let header = try RosterHeader(fields: records[0].fields)
        let results = records.dropFirst().map { RosterRowParser.parse($0, header: header) }
        #expect(try results[0].get().fullName == "Nguyễn Văn Hòa")
        guard case .failure(let error) = results[1] else {
            Issue.record("expected failure")
            return
        }
        #expect(error.line == 4)
        #expect(error.field == "national_id")
    }
}
