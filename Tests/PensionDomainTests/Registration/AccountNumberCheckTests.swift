import Testing
@testable import PensionDomain

@Suite("Luhn")
struct LuhnTests {
    @Test("known vectors", arguments: [
        ("79927398713", true), ("4111111111111111", true), ("4012888888881881", true), ("1234567812345670", true),
        ("6011000990139424", true), ("378282246310005", true), ("00", true), ("18", true), ("59", true),
        ("9704361234567895", true), ("9704151234567890124", true), ("5460341234567899", true),
        ("1234567812345678", false), ("79927398710", false), ("4222222222222222222", false), ("9704361234567896", false),
        ("0", false), ("", false), ("4111 1111 1111 1111", false), ("41111111111111a1", false), ("４１", false),
    ] as [(String, Bool)])
    func isValid(number: String, expected: Bool) {
        #expect(Luhn.isValid(number) == expected)
    }

    @Test("check digits", arguments: [
        ("7992739871", 3), ("411111111111111", 1), ("970436123456789", 5), ("970415123456789012", 4),
        ("546034123456789", 9), ("422589000011112", 5), ("0", 0),
    ] as [(String, Int)])
    func checkDigit(payload: String, digit: Int) {
        #expect(Luhn.checkDigit(for: payload) == digit)
        if !payload.isEmpty { #expect(Luhn.isValid(payload + String(digit))) }
    }

    @Test func checkDigitRejectsNonDigits() {
        #expect(Luhn.checkDigit(for: "12a4") == nil)
        #expect(Luhn.checkDigit(for: "") == nil)
    }

    @Test func everyOtherDigitMakesItInvalid() throws {
        let payload = "970405000011112"
        let good = try #require(Luhn.checkDigit(for: payload))
        for digit in 0...9 where digit != good {
            #expect(!Luhn.isValid(payload + String(digit)))
        }
    }
}

@Suite("AccountNumberCheck")
struct AccountNumberCheckTests {
    private func code(_ raw: String, bin: String = "970436") -> String {
        switch AccountNumberCheck.classify(raw, bin: bin) {
        case .depositAccount: "deposit"
        case .rejected(let rejection): rejection.code.rawValue
        }
    }

    @Test("normalisation removes spaces, dots and dashes and upper-cases letters", arguments: [
        ("0071 000 123 456", "0071000123456"), ("0071.000.123-456", "0071000123456"), ("\u{00A0}0071\u{200B}000123\t", "0071000123")
            , ("ab12-cd34", "AB12CD34"), ("  ", ""), ("12_34", "12_34"), ("Đ123", "Đ123"),
    ] as [(String, String)])
    func normalize(raw: String, expected: String) {
        #expect(AccountNumberCheck.normalize(raw) == expected)
    }

    @Test("deposit accounts", arguments: [
        "0071000123456", "0071 000 123 456", "123456", "1234567890123456789", "ab12cd34", "HDB123",
        "9704361234567896",          // 16 digits, 9704 prefix, but the Luhn check fails
        "970436123456789",           // 15 digits with a valid-looking prefix
        "4111111111111111",          // Luhn-valid, but 411111 is not a Vietnamese card BIN we know
        "99001234567890",            // starts with 99 but not a wallet prefix
        "PSPA12345678",              // PSP followed by letters
        "1234567890123456",          // 16 digits, no card prefix
    ])
    func depositAccounts(raw: String) {
        #expect(code(raw) == "deposit")
    }

    @Test func depositAccountCarriesTheNormalisedNumber() {
        #expect(AccountNumberCheck.classify("0071-000.123 456", bin: "970436") == .depositAccount("0071000123456"))
        #expect(AccountNumberCheck.classify("ab12cd34", bin: "970436").depositAccount == "AB12CD34")
    }

    @Test("card numbers", arguments: [
        ("9704361234567895", "970436"),            // Vietcombank BIN, 16 digits
        ("9704 3612 3456 7895", "970436"),         // as printed on the card
        ("9704-3612-3456-7895", "970418"),         // another bank's account field
        ("9704991234567899", "970405"),            // Agribank card BIN 970499 (bank id 970405)
        ("9704881234567892", "970436"),            // any 9704xx prefix
        ("9704151234567890124", "970415"),         // 19 digits
        ("9704229876543210005", "970422"),
        ("5460341234567899", "546034"),            // CAKE: not 9704
        ("4225890000111125", "422589"),            // CIMB: not 9704
        ("9704050000111125", "970405"),
    ] as [(String, String)])
    func cardNumbers(raw: String, bin: String) {
        #expect(code(raw, bin: bin) == "card_number")
    }

    @Test func cardNumberWithTheRequestsOwnBIN() throws {
        let payload = "123456000011112"
        let card = payload + String(try #require(Luhn.checkDigit(for: payload)))
        #expect(code(card, bin: "970436") == "deposit")
        #expect(code(card, bin: "123456") == "card_number")
        #expect(AccountNumberCheck.isCardNumber(card, bin: "123456"))
        #expect(!AccountNumberCheck.isCardNumber(card))
    }

    @Test func otherLengthsAreNotCards() throws {
        for length in [15, 17, 18] {
            let payload = String("9704361234567890123".prefix(length - 1))
            let number = payload + String(try #require(Luhn.checkDigit(for: payload)))
            #expect(Luhn.isValid(number))
            #expect(!AccountNumberCheck.isCardNumber(number), "length \(length)")
        }
    }

    @Test("e-wallets", arguments: [
        ("99MM24011M34875080", "970454"),   // MoMo via BVBank
        ("99mm24011m34875080", "970454"),   // typed in lower case
        ("99MM 2401 1M34 8750 80", "970454"),
        ("99ZP24009M07248267", "970454"),   // ZaloPay via BVBank
        ("99MM24011M34875080", "970436"),   // wallet pseudo-account with the wrong bank chosen
        ("PSP123456789000000", "970454"),   // newer MoMo account
        ("0071000123456", "971025"),        // MoMo's own BIN
        ("0071000123456", "971005"),        // Viettel Money
        ("0071000123456", " 971011 "),      // VNPT Money
    ] as [(String, String)])
    func eWallets(raw: String, bin: String) {
        #expect(code(raw, bin: bin) == "e_wallet")
    }

    @Test("lengths and characters", arguments: [
        ("", "too_short"), (" - . ", "too_short"), ("12345", "too_short"), ("99MM", "too_short"), ("ab1", "too_short"),
        ("12345678901234567890", "too_long"), ("1234 5678 9012 3456 7890 1", "too_long"),
        ("0071_000123", "invalid_characters"), ("0071/000123", "invalid_characters"), ("ĐA123456", "invalid_characters"),
        ("１２３４５６７", "invalid_characters"), ("0071000123456+", "invalid_characters"), ("12345ä", "invalid_characters"),
    ] as [(String, String)])
    func lengthsAndCharacters(raw: String, expected: String) {
        #expect(code(raw) == expected)
    }

    @Test func boundaries() {
        #expect(code(String(repeating: "1", count: 5)) == "too_short")
        #expect(code(String(repeating: "1", count: 6)) == "deposit")
        #expect(code(String(repeating: "1", count: 19)) == "deposit")
        #expect(code(String(repeating: "1", count: 20)) == "too_long")
    }

    @Test func messagesDoNotContainTheAccount() {
        for raw in ["9704361234567895", "99MM24011M34875080", "0071_000123", "12345678901234567890", "12345"] {
            let rejection = AccountNumberCheck.classify(raw, bin: "970436").rejection
            #expect(rejection != nil)
            #expect(!(rejection?.description.contains(raw) ?? true))
            #expect(!(rejection?.message.contains("1234") ?? true))
        }
    }
}
