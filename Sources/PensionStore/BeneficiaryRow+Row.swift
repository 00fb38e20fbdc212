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

    /// Decodes a row selected with ``columns``. The schema's CHECKs guarantee the enum values.
    init(row: Row) throws {
        guard let method = PaymentMethod(rawValue: row["payment_method"]),
              let status = BeneficiaryStatus(rawValue: row["status"])
        else {
            throw StoreError(.unexpectedValue, "beneficiaries row with an unknown payment_method or status")
        }
        self.init(
            nationalID: row["national_id"], fullName: row["full_name"], dateOfBirth: row["date_of_birth"],
            sex: row["sex"], provinceCode: row["province_code"], communeCode: row["commune_code"],
            phone: row["phone"], paymentMethod: method, bankBIN: row["bank_bin"],
            bankAccount: row["bank_account"], legacyBHXHCode: row["legacy_bhxh_code"], status: status,
            holdReason: row["hold_reason"], lastOutcome: row["last_outcome"],
            lastVerifiedPeriod: row["last_verified_period"],
            createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}
