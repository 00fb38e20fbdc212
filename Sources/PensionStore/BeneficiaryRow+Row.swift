import PensionDomain
import Foundation
import GRDB

extension BeneficiaryRow {
    /// The column list matching ``init(row:)``, shared by every query that returns rows.
    static let columns = """
        national_id, full_name, date_of_birth, sex, province_code, commune_code, phone, payment_method,
        bank_bin, bank_account, legacy_bhxh_code, status, hold_reason, last_outcome, last_verified_period,
        created_at, updated_at
        """

    /// Decodes a row selected with ``columns``, by position (names cost a lookup per column per row,
    /// which showed in the monthly review's profile). The schema's CHECKs guarantee the enum values.
    init(row: Row) throws {
        guard let method = PaymentMethod(rawValue: row[7]),
              let status = BeneficiaryStatus(rawValue: row[11])
        else {
            throw StoreError(.unexpectedValue, "beneficiaries row with an unknown payment_method or status")
        }
        self.init(
            nationalID: row[0], fullName: row[1], dateOfBirth: row[2],
            sex: row[3], provinceCode: row[4], communeCode: row[5],
            phone: row[6], paymentMethod: method, bankBIN: row[8],
            bankAccount: row[9], legacyBHXHCode: row[10], status: status,
            holdReason: row[12], lastOutcome: row[13],
            lastVerifiedPeriod: row[14],
            createdAt: try StoreDate.required(row[15], column: "created_at"),
            updatedAt: try StoreDate.required(row[16], column: "updated_at"))
    }
}
