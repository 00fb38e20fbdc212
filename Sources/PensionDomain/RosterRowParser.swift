import Foundation

/// Validates one roster record into a `RosterEntry`, reporting the first problem per row.
public enum RosterRowParser: Sendable {
    /// Parses a data record against the header.
    public static func parse(_ record: CSVRecord, header: RosterHeader) -> Result<RosterEntry, RosterRowError> {
        do {
            return .success(try entry(record, header: header))
        } catch {
            return .failure(error)
        }
    }

    private static func entry(_ record: CSVRecord, header: RosterHeader) throws(RosterRowError) -> RosterEntry {
        let line = record.line
        func fail(_ column: RosterColumn, _ message: String) -> RosterRowError {
            RosterRowError(line: line, field: column.rawValue, message: message)
        }
        guard record.fields.count == header.fieldCount else {
            throw RosterRowError(line: line, field: "row",
                                 message: "has \(record.fields.count) fields, the header has \(header.fieldCount)")
        }
        if let error = header.controlCharacterError(in: record) { throw error }
        func value(_ column: RosterColumn) -> String? {
            guard let index = header.index(of: column) else { return nil }
            let text = UnicodeText.trimmed(record.fields[index])
            return text.isEmpty ? nil : text
        }
        func required(_ column: RosterColumn) throws(RosterRowError) -> String {
            guard let text = value(column) else { throw fail(column, "is empty") }
            return text
        }

        let nationalID: NationalID
        do {
            nationalID = try NationalID.parse(try required(.nationalID))
        } catch let error as IdentityInputError {
            throw fail(.nationalID, error.message)
        } catch {
            throw fail(.nationalID, "is empty")
        }

        let fullName = PersonName.normalized(try required(.fullName))

        let dateOfBirth: PartialDate
        do {
            dateOfBirth = try PartialDate.parse(try required(.dateOfBirth), field: RosterColumn.dateOfBirth.rawValue)
        } catch let error as FieldError {
            throw fail(.dateOfBirth, error.message)
        } catch {
            throw fail(.dateOfBirth, "is empty")
        }

        var sex: Sex?
        if let raw = value(.sex) {
            guard let parsed = Sex(parsing: raw) else { throw fail(.sex, "expected M/F, nam/nữ or male/female") }
            sex = parsed
        }

        let sourceProvinceCode = try required(.provinceCode)
        guard let province = AdministrativeUnits.province(forCode: sourceProvinceCode) else {
            throw fail(.provinceCode, "not a current (34) or former (63) province code")
        }

        var communeCode: CommuneCode?
        if let raw = value(.communeCode) {
            do { communeCode = try CommuneCode.parse(raw) } catch { throw fail(.communeCode, error.message) }
        }

        var phone: String?
        if let raw = value(.phone) {
            guard let normalized = normalizedPhone(raw) else {
                throw fail(.phone, "expected a 10-digit mobile number starting with 0 or +84")
            }
            phone = normalized
        }

        var paymentMethod = PaymentMethod.cash
        if let raw = value(.paymentMethod) {
            do { paymentMethod = try PaymentMethod.parse(raw) } catch { throw fail(.paymentMethod, error.message) }
        }

        var warnings = IdentityStructure.warnings(for: nationalID, birthDate: dateOfBirth, sex: sex)

        var bankBIN: String?
        if let raw = value(.bankBIN) {
            guard raw.utf8.count == 6, UnicodeText.isASCIIDigits(raw) else { throw fail(.bankBIN, "a BIN has exactly 6 digits") }
            guard BankDirectory.bank(bin: raw) != nil else {
                throw fail(.bankBIN, "not in the bank directory (as of \(BankDirectory.asOf))")
            }
            bankBIN = raw
        }

        var bankAccount: String?
        if let raw = value(.bankAccount) {
            func isAlphanumeric(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) }
            // Most accounts are written plainly: take them as they are rather than rebuilding them.
            let compact = raw.utf8.allSatisfy(isAlphanumeric) ? raw
                : String(String.UnicodeScalarView(raw.unicodeScalars.filter { !UnicodeText.isSpaceLike($0) }))
            guard (6...19).contains(compact.utf8.count), compact.utf8.allSatisfy(isAlphanumeric) else {
                throw fail(.bankAccount, "expected 6 to 19 letters or digits")
            }
            warnings += accountWarnings(compact)
            bankAccount = compact
        }
        if paymentMethod == .bank {
            if bankBIN == nil { throw fail(.bankBIN, "is required when payment_method is bank") }
            if bankAccount == nil { throw fail(.bankAccount, "is required when payment_method is bank") }
        }

        var legacyCode: LegacyBHXHCode?
        if let raw = value(.legacyBHXHCode) {
            do { legacyCode = try LegacyBHXHCode.parse(raw) } catch { throw fail(.legacyBHXHCode, error.message) }
        }

        return RosterEntry(
            nationalID: nationalID, fullName: fullName, dateOfBirth: dateOfBirth, sex: sex,
            provinceCode: province.code, sourceProvinceCode: sourceProvinceCode, communeCode: communeCode,
            phone: phone, paymentMethod: paymentMethod, bankBIN: bankBIN, bankAccount: bankAccount,
            legacyBHXHCode: legacyCode, warnings: warnings
        )
    }

    /// Removes spaces, dots and dashes, turns a leading +84 into 0, and accepts exactly 10 digits starting with 0.
    public static func normalizedPhone(_ raw: String) -> String? {
        // The usual case, already 10 digits from 0, needs no rebuilding.
        if raw.utf8.count == 10, raw.utf8.first == UInt8(ascii: "0"), UnicodeText.isASCIIDigits(raw) { return raw }
        var compact = String(String.UnicodeScalarView(raw.unicodeScalars.filter {
            !UnicodeText.isSpaceLike($0) && $0 != "." && $0 != "-"
        }))
        if compact.hasPrefix("+84") { compact = "0" + compact.dropFirst(3) }
        guard compact.utf8.count == 10, compact.hasPrefix("0"), UnicodeText.isASCIIDigits(compact) else { return nil }
        return compact
    }

    /// Flags the two account mistakes that made August 2024 transfers fail (2646/BHXH-TCKT):
    /// a domestic card number (16 or 19 digits, 9704 prefix) and an e-wallet pseudo-account (99MM…).
    static func accountWarnings(_ account: String) -> [IdentityWarning] {
        if UnicodeText.isASCIIDigits(account), [16, 19].contains(account.utf8.count), account.hasPrefix("9704") {
            return [IdentityWarning(code: "bank_account_looks_like_card",
                                    message: "the account number looks like an ATM card number; a deposit account is needed")]
        }
        if account.uppercased().hasPrefix("99MM") {
            return [IdentityWarning(code: "bank_account_looks_like_e_wallet",
                                    message: "the account number looks like an e-wallet; e-wallets cannot receive pensions")]
        }
        return []
    }
}
