import Foundation
import PensionDomain

/// The accounts a simulated bank holds, in memory: the data behind ``BankSimulator``, and an
/// embedded `BankNameInquiry` for demos and tests.
public struct SimulatedBankAccounts: BankNameInquiry {
    /// A problem in an accounts file (line number and field, never the value).
    public struct LoadError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong and where.
        public var description: String
    }

    /// Holder names by account.
    public let holders: [BankAccountKey: String]

    /// Wraps a ready map.
    public init(holders: [BankAccountKey: String]) {
        self.holders = holders
    }

    /// Reads a CSV with header `bank_bin,bank_account,holder_name` (any order, case-insensitive,
    /// extra columns ignored). Holder names are stored as banks return them: upper case, no diacritics.
    public init(csvPath path: String) throws(LoadError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "cannot read \(path)")
        }
        try self.init(csv: data)
    }

    /// Parses CSV bytes (see ``init(csvPath:)``).
    public init(csv data: Data) throws(LoadError) {
        var parser = CSVRecordParser()
        var records = parser.feed(data)
        do {
            records += try parser.finish()
        } catch {
            throw LoadError(description: "\(error)")
        }
        guard let header = records.first else { throw LoadError(description: "empty file: expected a header row") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let bin = names.firstIndex(of: "bank_bin"), let account = names.firstIndex(of: "bank_account"),
              let holder = names.firstIndex(of: "holder_name")
        else {
            throw LoadError(description: "line \(header.line): the header needs bank_bin, bank_account and holder_name")
        }
        var holders: [BankAccountKey: String] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw LoadError(description: "line \(record.line): has \(record.fields.count) fields, the header has \(header.fields.count)")
            }
            let key = BankAccountKey(bankBIN: record.fields[bin], bankAccount: record.fields[account])
            let name = PersonName.unaccentedKey(record.fields[holder])
            guard key.bankBIN.utf8.count == 6, !key.bankAccount.isEmpty, !name.isEmpty else {
                throw LoadError(description: "line \(record.line): bank_bin, bank_account and holder_name must not be empty")
            }
            holders[key] = name
        }
        self.holders = holders
    }

    /// Looks the accounts up; never fails.
    public func inquire(_ accounts: [BankAccountKey]) async throws -> [BankAccountKey: BankNameInquiryResult] {
        var results: [BankAccountKey: BankNameInquiryResult] = [:]
        for account in accounts {
            results[account] = holders[account].map { .holder(name: $0) } ?? .accountNotFound
        }
        return results
    }
}
