import Foundation
import GRDB
import PensionDomain

/// `async` forms of the store's operations, for workers and producers: the blocking SQLite
/// work runs off the cooperative pool (see `StoreExecutor`).
extension PensionDatabase {
    /// See ``upsertBeneficiaries(_:at:)``.
    public func upsertBeneficiaries(_ rows: [BeneficiaryUpsert], at date: Date) async throws -> UpsertSummary {
        try await StoreExecutor.run { try self.upsertBeneficiaries(rows, at: date) }
    }

    /// See ``recordVerifications(_:at:folding:)``.
    public func recordVerifications(_ batch: [VerificationOutcomeRecord], at date: Date,
                                    folding: OutcomeFolding = .now) async throws -> [RecordResult] {
        try await StoreExecutor.run { try self.recordVerifications(batch, at: date, folding: folding) }
    }

    /// See ``unfoldedOutcomeCount()``.
    public func unfoldedOutcomeCount() async throws -> Int {
        try await StoreExecutor.run { try self.unfoldedOutcomeCount() }
    }

    /// See ``foldAllOutcomes(batch:at:)``.
    @discardableResult
    public func foldAllOutcomes(batch: Int = foldBatch, at date: Date) async throws -> Int {
        try await StoreExecutor.run { try self.foldAllOutcomes(batch: batch, at: date) }
    }

    /// See ``foldOutcomes(limit:at:)``.
    @discardableResult
    public func foldOutcomes(limit: Int = foldBatch, at date: Date) async throws -> Int {
        try await StoreExecutor.run { try self.foldOutcomes(limit: limit, at: date) }
    }

    /// See ``recordedTaskIDs(_:)``.
    public func recordedTaskIDs(_ taskIDs: [String]) async throws -> Set<String> {
        if taskIDs.isEmpty { return [] }
        return try await StoreExecutor.run { try self.recordedTaskIDs(taskIDs) }
    }

    /// See ``recordedVerifications(_:)``.
    public func recordedVerifications(_ keys: [VerificationKey]) async throws -> Set<String> {
        if keys.isEmpty { return [] }
        return try await StoreExecutor.run { try self.recordedVerifications(keys) }
    }

    /// See ``beneficiaries(nationalIDs:)``.
    public func beneficiaries(nationalIDs: [String]) async throws -> [String: BeneficiaryRow] {
        if nationalIDs.isEmpty { return [:] }
        return try await StoreExecutor.run { try self.beneficiaries(nationalIDs: nationalIDs) }
    }

    /// See ``pendingOutbox(limit:)``.
    public func pendingOutbox(limit: Int) async throws -> [OutboxMessage] {
        try await StoreExecutor.run { try self.pendingOutbox(limit: limit) }
    }

    /// See ``leaseOutbox(limit:owner:for:now:)``.
    public func leaseOutbox(limit: Int, owner: String, for duration: TimeInterval, now: Date) async throws -> [OutboxMessage] {
        try await StoreExecutor.run { try self.leaseOutbox(limit: limit, owner: owner, for: duration, now: now) }
    }

    /// See ``markPublished(ids:at:)``.
    public func markPublished(ids: [Int64], at date: Date) async throws {
        try await StoreExecutor.run { try self.markPublished(ids: ids, at: date) }
    }

    /// See ``releaseOutboxLease(ids:owner:)``.
    public func releaseOutboxLease(ids: [Int64], owner: String) async throws {
        try await StoreExecutor.run { try self.releaseOutboxLease(ids: ids, owner: owner) }
    }
}

extension PensionDatabase {
    /// See ``livingBeneficiaries(after:limit:)``.
    public func livingBeneficiaries(after: String, limit: Int) async throws -> [VerifyTask.Beneficiary] {
        try await StoreExecutor.run { try self.livingBeneficiaries(after: after, limit: limit) }
    }
}

extension PensionDatabase {
    /// See ``recordAudit(nationalID:taskID:field:before:after:reason:at:)``.
    public func recordAudit(nationalID: String, taskID: String?, field: String, before: String?, after: String?, reason: String, at date: Date) async throws {
        try await StoreExecutor.run { try self.recordAudit(nationalID: nationalID, taskID: taskID, field: field, before: before, after: after, reason: reason, at: date) }
    }
}

extension PensionDatabase {
    /// See ``progressReport(period:byCommune:)``.
    public func progressReport(period: String? = nil, byCommune: Bool = false) async throws -> ProgressReport {
        try await StoreExecutor.run { try self.progressReport(period: period, byCommune: byCommune) }
    }
}
