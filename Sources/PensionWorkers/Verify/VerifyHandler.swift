import AMQP
import Foundation
import Logging
import PensionDomain
import PensionStore

/// Verifies beneficiaries against the population registry and records the outcome.
///
/// Per batch: decode (undecodable → park), skip redelivered tasks already recorded, look the rest
/// up in the registry in one call (unreachable → retry, never an outcome), match, and commit
/// outcomes, holds, audit rows and follow-ups in one transaction; a task recorded before is a
/// duplicate there and changes nothing.
public struct VerifyHandler: TaskHandler {
    public let kind = TaskKind.verify
    private let store: PensionDatabase
    private let registry: any PopulationRegistry
    private let topology: Topology
    private let workerName: String
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let folding: OutcomeFolding
    private let metrics = VerificationMetrics()

    /// Creates the handler. With `folding: .deferred` the beneficiaries' state is left to an
    /// ``OutcomeFolder`` running in the same process (as `pensionpay worker verify` does).
    public init(store: PensionDatabase, registry: any PopulationRegistry, topology: Topology = Topology(),
                workerName: String, logger: Logger, folding: OutcomeFolding = .now,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.folding = folding
        self.registry = registry
        self.topology = topology
        self.workerName = workerName
        self.logger = logger
        self.now = now
    }

    /// Verify batches overlap: the `verifications` insert inside ``PensionDatabase/recordVerifications(_:at:folding:)``
    /// is the once-per-task check (schema v7), so a task in two overlapping batches (a producer's republished
    /// copy) is recorded by whichever commits first and is a duplicate for the other.
    public var overlapsBatches: Bool { true }

    public func process(_ deliveries: [AMQPDelivery], attempts: [Int]) async throws -> [TaskDisposition] {
        let started = ContinuousClock.now
        var dispositions = [TaskDisposition](repeating: .completed, count: deliveries.count)
        var tasks: [(index: Int, task: VerifyTask)] = []
        for (index, delivery) in deliveries.enumerated() {
            switch TaskDecoder.decodeVerify(delivery.body) {
            case .success(let task): tasks.append((index, task))
            case .failure(let error): dispositions[index] = .park(reason: "undecodable verify task: \(error)")
            }
        }

        // Skip work already done: only a redelivery or a retry is likely to have an outcome recorded
        // already, so only those are looked up (a read per batch of first deliveries was 3 % of the
        // worker's CPU). Idempotency does not rest on this: the outcome insert refuses any task
        // recorded before, such as a producer's republished copy, as a duplicate.
        let suspects = tasks.filter { deliveries[$0.index].redelivered || attempts[$0.index] > 1 }
        let done = try await store.recordedVerifications(suspects.map(\.task.verificationKey))   // no keys: no read
        var seen = Set<String>()
        tasks.removeAll { !seen.insert($0.task.taskID).inserted || done.contains($0.task.taskID) }

        var claims: [(index: Int, task: VerifyTask, claim: IdentityClaim)] = []
        var records: [VerificationOutcomeRecord] = []
        var recordIndexes: [Int] = []   // the delivery of each record
        for (index, task) in tasks {
            do {
                claims.append((index, task, try task.beneficiary.identityClaim()))
            } catch {
                guard let id = try? NationalID.parse(task.beneficiary.nationalID) else {
                    // No usable key: there is no beneficiary to hold, so an officer must see the message.
                    dispositions[index] = .park(reason: "invalid task: \(error)")
                    continue
                }
                records.append(record(task, id: id, result: VerificationResult(outcome: .invalid(reason: error.description)),
                                      attempt: attempts[index], followUp: nil))
                recordIndexes.append(index)
            }
        }

        var found: [NationalID: RegistryRecord] = [:]
        if !claims.isEmpty {
            do {
                found = try await registry.lookup(claims.map(\.claim.nationalID))
            } catch {
                for claim in claims { dispositions[claim.index] = .retry(reason: "\(error)") }
                claims.removeAll()
            }
        }

        let current = try await store.beneficiaries(nationalIDs: claims.map(\.claim.nationalID.digits))
        let date = now()
        for (index, task, claim) in claims {
            let result = IdentityMatcher.verify(claim: claim, record: found[claim.nationalID])
            var followUp: OutreachTask?
            if result.outcome == .verified, let row = current[claim.nationalID.digits], row.paymentMethod == .cash, row.status != .deceased {
                followUp = .followUp(nationalID: claim.nationalID, provinceCode: row.provinceCode, communeCode: row.communeCode,
                                     period: task.period, at: date)
            }
            records.append(record(task, id: claim.nationalID, result: result, attempt: attempts[index], followUp: followUp))
            recordIndexes.append(index)
        }

        let results = try await recordIsolatingRefusals(records, deliveries: recordIndexes, dispositions: &dispositions, logger: logger) {
            try await store.recordVerifications($0, at: date, folding: folding)
        }
        for (record, result) in zip(records, results) where result != nil && result != .duplicate {
            metrics.record(record.outcome)
            // One line per task at debug level (info would be ~10k lines/s at full speed).
            logger.debug("task recorded", metadata: [
                "task.id": "\(record.taskID)", "task.kind": "verify", "task.attempt": "\(record.attempt)",
                "task.outcome": "\(record.outcome)", "beneficiary.id": "\(record.nationalID.maskedID)",
                "batch.ms": "\(Int((ContinuousClock.now - started).seconds * 1000))",
            ])
        }
        for (position, result) in results.enumerated() where result == .unknownBeneficiary {
            logger.warning("verification for a beneficiary not on record", metadata: [
                "task.id": "\(records[position].taskID)", "beneficiary.id": "\(records[position].nationalID.maskedID)",
            ])
        }
        return dispositions
    }

    private func record(_ task: VerifyTask, id: NationalID, result: VerificationResult, attempt: Int, followUp: OutreachTask?) -> VerificationOutcomeRecord {
        var mismatch: [String] = []
        var detail: String?
        switch result.outcome {
        case .mismatch(let fields): mismatch = fields.map(\.rawValue)
        case .deceased(let date): detail = date.map { "date of death \($0.iso)" }
        case .invalid(let reason): detail = reason
        case .verified, .notFound: break
        }
        let warnings = result.warnings.isEmpty ? nil : IdentityWarning.encodedJSON(result.warnings)
        let followUps = followUp.map { task in
            [OutboxMessage(messageID: task.taskID, exchange: topology.publishExchange(.outreach),
                           routingKey: Topology.routingKey(.outreach, province: task.provinceCode),
                           body: task.encodedJSON(), headers: [:])]
        } ?? []
        return VerificationOutcomeRecord(
            taskID: task.taskID, nationalID: id.digits, period: task.period.description, outcome: result.outcome.kind.rawValue,
            mismatchFields: mismatch, warningsJSON: warnings, detail: detail, attempt: attempt, worker: workerName, followUps: followUps)
    }
}

extension String {
    /// A 12-digit ID masked for logs (`079*******23`); anything else fully starred.
    var maskedID: String {
        (try? NationalID.parse(self))?.masked ?? String(repeating: "*", count: count)
    }
}
