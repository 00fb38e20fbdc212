import Testing
@testable import PensionDomain

@Suite struct ContactPreferenceRowParserTests {
    let id = "079155000001"

    func parse(_ header: [String], _ fields: [String], line: Int = 2) throws -> Result<ContactPreferenceUpdate, RosterRowError> {
        ContactPreferenceRowParser.parse(CSVRecord(fields: fields, line: line), header: try CSVHeader<ContactPreferenceColumn>(fields: header))
    }

    @Test func readsEveryColumnWithSpreadsheetSpellings() throws {
        let header = ["National_ID", "preferred_channel", "opted_out", "email", "zalo_available", "postal_address", "ghi chú"]
        let update = try parse(header, [" \(id) ", "ZALO", "không", "an.nguyen@example.vn", "Có", "Số 5,\u{00A0} thôn  Đông", "x"]).get()
        #expect(update.nationalID.digits == id)
        #expect(update.preferredChannel == .some(.zalo))
        #expect(update.optedOut == false)
        #expect(update.email == .some("an.nguyen@example.vn"))
        #expect(update.zaloAvailable == true)
        #expect(update.postalAddress == .some("Số 5, thôn Đông"))
    }

    @Test func absentColumnsKeepAndEmptyCellsClear() throws {
        let onlyOptOut = try parse(["national_id", "opted_out"], [id, "yes"]).get()
        #expect(onlyOptOut.optedOut == true)
        #expect(onlyOptOut.preferredChannel == nil && onlyOptOut.email == nil && onlyOptOut.postalAddress == nil && onlyOptOut.zaloAvailable == nil)

        let cleared = try parse(["national_id", "preferred_channel", "email", "opted_out"], [id, "", " ", ""]).get()
        #expect(cleared.preferredChannel == .some(nil))
        #expect(cleared.email == .some(nil))
        #expect(cleared.optedOut == false)
    }

    @Test(arguments: [
        (["national_id"], ["12345"], "national_id"),
        (["national_id"], [""], "national_id"),
        (["national_id", "preferred_channel"], ["079155000001", "fax"], "preferred_channel"),
        (["national_id", "opted_out"], ["079155000001", "maybe"], "opted_out"),
        (["national_id", "zalo_available"], ["079155000001", "2"], "zalo_available"),
        (["national_id", "email"], ["079155000001", "an.nguyen@"], "email"),
        (["national_id", "email"], ["079155000001", "an nguyen@example.vn"], "email"),
        (["national_id", "email"], ["079155000001", "0912345678"], "email"),
        (["national_id", "email"], ["079155000001"], "row"),
        (["national_id", "postal_address"], ["079155000001", "Số 5\u{0000}"], "postal_address"),
    ])
    func reportsTheFieldNeverTheValue(_ header: [String], _ fields: [String], _ field: String) throws {
        let result = try parse(header, fields, line: 17)
        guard case .failure(let error) = result else {
            Issue.record("expected a rejection")
            return
        }
        #expect(error.line == 17)
        #expect(error.field == field)
        for value in fields where value.count > 3 { #expect(!error.message.contains(value)) }
    }

    @Test func aHeaderWithoutTheIDIsRefused() {
        #expect(throws: RosterHeaderError.self) { try CSVHeader<ContactPreferenceColumn>(fields: ["email", "opted_out"]) }
    }
}
