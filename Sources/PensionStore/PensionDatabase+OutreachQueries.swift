import Foundation
import GRDB

extension PensionDatabase {
    /// One page of active, cash-paid beneficiaries whose latest verification is `verified`, with IDs after
    /// `after`, in ID order: the targets of `pensionpay outreach plan`.
    public func outreachTargets(after: String, limit: Int) throws -> [BeneficiaryRow] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(BeneficiaryRow.columns) FROM beneficiaries
                WHERE national_id > ? AND status = 'active' AND payment_method = 'cash' AND last_outcome = 'verified'
                ORDER BY national_id LIMIT ?
                """, arguments: [after, limit]).map(BeneficiaryRow.init(row:))
        }
    }

    /// Async form of ``outreachTargets(after:limit:)``.
    public func outreachTargets(after: String, limit: Int) async throws -> [BeneficiaryRow] {
        try await StoreExecutor.run { try self.outreachTargets(after: after, limit: limit) }
    }

    /// The home visits listed (`home_visit` notices `sent`) in a province, optionally one commune and one
    /// period, sorted by commune, address, then name, for the commune staff's list.
    public func homeVisits(provinceCode: String, communeCode: String? = nil, period: String? = nil) throws -> [HomeVisitEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT b.province_code, b.commune_code, c.postal_address, b.full_name, b.date_of_birth, b.sex, b.phone,
                       b.national_id, n.period, n.notice_id
                FROM notices n JOIN beneficiaries b ON b.national_id = n.national_id
                LEFT JOIN contact_preferences c ON c.national_id = n.national_id
                WHERE n.channel = 'home_visit' AND n.state = 'sent' AND b.province_code = ?
                  AND (? IS NULL OR b.commune_code = ?) AND (? IS NULL OR n.period = ?)
                  AND b.status = 'active' AND b.payment_method = 'cash'
                ORDER BY b.commune_code, c.postal_address, b.full_name, b.national_id
                """, arguments: [provinceCode, communeCode, communeCode, period, period]).map { row in
                HomeVisitEntry(provinceCode: row[0], communeCode: row[1], postalAddress: row[2], fullName: row[3], dateOfBirth: row[4],
                               sex: row[5], phone: row[6], nationalID: row[7], period: row[8], noticeID: row[9])
            }
        }
    }
}
