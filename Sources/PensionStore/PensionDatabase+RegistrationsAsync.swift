import Foundation
import PensionDomain

/// `async` forms of the registration operations (blocking SQLite work off the cooperative pool).
extension PensionDatabase {
    /// See ``recordRegistrations(_:at:)``.
    public func recordRegistrations(_ batch: [RegistrationRecord], at date: Date) async throws -> [RegistrationRecordResult] {
        if batch.isEmpty { return [] }
        return try await StoreExecutor.run { try self.recordRegistrations(batch, at: date) }
    }

    /// See ``accountsPayingOthers(_:)``.
    public func accountsPayingOthers(_ claims: [AccountClaim]) async throws -> Set<AccountClaim> {
        if claims.isEmpty { return [] }
        return try await StoreExecutor.run { try self.accountsPayingOthers(claims) }
    }

    /// See ``applyDuePaymentSwitches(period:at:)``.
    public func applyDuePaymentSwitches(period: Period, at date: Date) async throws -> Int {
        try await StoreExecutor.run { try self.applyDuePaymentSwitches(period: period, at: date) }
    }

    /// See ``registrationsEffective(in:)``.
    public func registrationsEffective(in period: Period) async throws -> [RegistrationExportRow] {
        try await StoreExecutor.run { try self.registrationsEffective(in: period) }
    }
}
