import Foundation
import PensionDomain

extension RegistryHTTPContract {
    /// One person entry of a lookup response, as it travels on the wire (raw strings, validated by
    /// ``record()``).
    public struct Person: Codable, Hashable, Sendable {
        /// 12-digit personal identification number.
        public var nationalID: String
        /// Registered full name.
        public var fullName: String
        /// ISO partial date of birth.
        public var dateOfBirth: String?
        /// `M` or `F`.
        public var sex: String?
        /// `alive` or `deceased`.
        public var status: String
        /// ISO partial date of death.
        public var dateOfDeath: String?
        /// 2-digit province code.
        public var provinceCode: String?
        /// 5-digit commune code.
        public var communeCode: String?

        enum CodingKeys: String, CodingKey {
            case nationalID = "national_id"
            case fullName = "full_name"
            case dateOfBirth = "date_of_birth"
            case sex
            case status
            case dateOfDeath = "date_of_death"
            case provinceCode = "province_code"
            case communeCode = "commune_code"
        }

        /// Creates a wire entry from raw values.
        public init(
            nationalID: String, fullName: String, dateOfBirth: String? = nil, sex: String? = nil,
            status: String, dateOfDeath: String? = nil, provinceCode: String? = nil, communeCode: String? = nil
        ) {
            self.nationalID = nationalID
            self.fullName = fullName
            self.dateOfBirth = dateOfBirth
            self.sex = sex
            self.status = status
            self.dateOfDeath = dateOfDeath
            self.provinceCode = provinceCode
            self.communeCode = communeCode
        }

        /// The wire form of a domain record.
        public init(_ record: RegistryRecord) {
            self.init(
                nationalID: record.nationalID.digits, fullName: record.fullName,
                dateOfBirth: record.dateOfBirth?.iso, sex: record.sex?.rawValue, status: record.status.rawValue,
                dateOfDeath: record.dateOfDeath?.iso, provinceCode: record.provinceCode,
                communeCode: record.communeCode)
        }

        /// Validates the entry strictly and returns the domain record.
        ///
        /// Throws ``RegistryHTTPError`` with code `.malformedResponse` naming the field, never its value.
        public func record() throws(RegistryHTTPError) -> RegistryRecord {
            let id: NationalID
            do {
                guard nationalID.utf8.count == 12 else { throw Self.invalid("national_id") }
                id = try NationalID.parse(nationalID)
            } catch {
                throw Self.invalid("national_id")
            }
            guard !fullName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw Self.invalid("full_name") }
            guard let status = RegistryStatus(rawValue: status) else { throw Self.invalid("status") }
            let birth = try Self.isoDate(dateOfBirth, field: "date_of_birth")
            let death = try Self.isoDate(dateOfDeath, field: "date_of_death")
            if death != nil, status != .deceased { throw Self.invalid("date_of_death") }
            var parsedSex: Sex?
            if let sex {
                guard let value = Sex(rawValue: sex) else { throw Self.invalid("sex") }
                parsedSex = value
            }
            if let provinceCode, !Self.isDigits(provinceCode, count: 2) { throw Self.invalid("province_code") }
            if let communeCode, !Self.isDigits(communeCode, count: 5) { throw Self.invalid("commune_code") }
            return RegistryRecord(
                nationalID: id, fullName: fullName, dateOfBirth: birth, sex: parsedSex, status: status,
                dateOfDeath: death, provinceCode: provinceCode, communeCode: communeCode)
        }

        private static func invalid(_ field: String) -> RegistryHTTPError {
            RegistryHTTPError(.malformedResponse, "person entry with an invalid \(field)")
        }

        /// Only the canonical ISO forms are accepted on the wire (`PartialDate.parse` is more lenient).
        private static func isoDate(_ raw: String?, field: String) throws(RegistryHTTPError) -> PartialDate? {
            guard let raw else { return nil }
            guard let date = try? PartialDate.parse(raw, field: field), date.iso == raw else {
                throw invalid(field)
            }
            return date
        }

        private static func isDigits(_ value: String, count: Int) -> Bool {
            value.utf8.count == count && value.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
    }
}
