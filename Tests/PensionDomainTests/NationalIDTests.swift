import Foundation
import Testing
@testable import PensionDomain

@Suite("NationalID")
struct NationalIDTests {
    @Test("accepts 12 ASCII digits after trimming", arguments: [
        ("079050001234", "079050001234"),
        ("  001150001234  ", "001150001234"),
        ("\u{00A0}079050001234\u{00A0}", "079050001234"),
        ("\u{200B}079050001234\u{FEFF}", "079050001234"),
        ("\t079050001234\r\n", "079050001234"),
        ("000000000000", "000000000000"),
    ])
    func acceptsValid(raw: String, digits: String) throws {
        #expect(try NationalID.parse(raw).digits == digits)
    }

    @Test("rejects with a specific code", arguments: [
        ("", IdentityInputError.Code.empty),
        ("   \u{00A0} ", .empty),
        ("123456789", .oldCMND),
        (" 023456789 ", .oldCMND),
        ("7912345678", .legacyBHXHCode),
        ("12345678901", .wrongLength),
        ("1234567890123", .wrongLength),
        ("1", .wrongLength),
        ("07905000123A", .nonDigits),
        ("079 050 001 234", .nonDigits),
        ("079-050-001234", .nonDigits),
        ("０７９０５０００１２３４", .nonDigits), // full-width digits
        ("٠٧٩٠٥٠٠٠١٢٣٤", .nonDigits), // Arabic-Indic digits
    ])
    func rejects(raw: String, code: IdentityInputError.Code) {
        #expect(throws: IdentityInputError.self) { try NationalID.parse(raw) }
        do {
            _ = try NationalID.parse(raw)
        } catch {
            #expect(error.code == code)
            #expect(!error.message.isEmpty)
            if raw.count >= 9 { #expect(!error.message.contains(raw)) }
        }
    }

    @Test func oldCMNDMessageIsForAnOfficer() {
        do {
            _ = try NationalID.parse("123456789")
            Issue.record("expected a throw")
        } catch {
            #expect(error.code == "old_cmnd")
            #expect(error.message == "old 9-digit CMND number — the 12-digit personal ID number is needed")
        }
    }

    @Test func legacyBHXHMessageStartsAsSpecified() {
        do {
            _ = try NationalID.parse("7912345678")
            Issue.record("expected a throw")
        } catch {
            #expect(error.message.hasPrefix("10-digit BHXH code — "))
        }
    }

    @Test func maskedAndDescriptionNeverShowTheMiddle() throws {
        let id = try NationalID.parse("079123456723")
        #expect(id.masked == "079*******23")
        #expect(id.description == "079*******23")
        #expect("\(id)" == "079*******23")
        #expect(!String(reflecting: id).contains("1234567"))
        var dumped = ""
        dump(id, to: &dumped)
        #expect(!dumped.contains("079123456723"))
    }

    @Test func codableIsAPlainString() throws {
        let id = try NationalID.parse("079050001234")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"079050001234\"]")
        #expect(try JSONDecoder().decode([NationalID].self, from: data) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([NationalID].self, from: Data("[\"123456789\"]".utf8)) }
    }

    @Test func comparableAndHashable() throws {
        let a = try NationalID.parse("001150001234")
        let b = try NationalID.parse("079050001234")
        #expect(a < b)
        #expect([b, a].sorted() == [a, b])
        #expect(Set([a, b, try NationalID.parse(" 001150001234")]).count == 2)
    }
}

@Suite("LegacyBHXHCode")
struct LegacyBHXHCodeTests {
    @Test func parsesAndMasks() throws {
        let code = try LegacyBHXHCode.parse(" 7912345645 ")
        #expect(code.digits == "7912345645")
        #expect(code.masked == "79******45")
        #expect("\(code)" == "79******45")
    }

    @Test("rejects", arguments: [
        ("", IdentityInputError.Code.empty),
        ("791234564", .wrongLength),
        ("079050001234", .wrongLength),
        ("79123456X5", .nonDigits),
    ])
    func rejects(raw: String, code: IdentityInputError.Code) {
        do {
            _ = try LegacyBHXHCode.parse(raw)
            Issue.record("expected a throw")
        } catch {
            #expect(error.code == code)
        }
    }
}
