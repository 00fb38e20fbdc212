import AMQP
import Foundation
import Logging
import PensionDomain
import PensionStore

/// Decides bank-account registration requests (`pensionpay.register.v1`) and records the decisions.
///
/// Per batch: decode (undecodable → park); skip tasks already recorded (idempotency by `task_id`);
/// read the beneficiaries; `RegistrationRules.precheck` (a verification still pending → retry, the
/// task comes back down the ladder); one bank name inquiry for the accounts still open (inquiry
/// unavailable → retry, nothing recorded); the shared-account check; `RegistrationRules.decide`; and
/// every decision of the batch in one transaction. The store checks the shared account again inside
/// that transaction, so a `review: shared_account` can never turn into a silent registration.
public struct RegisterHandler: TaskHandler {
    public let kind = TaskKind.register
    private let store: PensionDatabase
    private let bank: any BankNameInquiry
    private let policy: RegistrationPolicy
    private let workerName: String
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// Creates the handler; `now` is the decision clock (injected in tests), `policy` the cut-off day,
    /// authorisation limits and time zone.
    public init(store: PensionDatabase, bank: any BankNameInquiry, policy: RegistrationPolicy = .standard,
                workerName: String, logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.bank = bank
        self.policy = policy
        self.workerName = workerName
        self.logger = logger
        self.now = now
    }

    public func process(_ deliveries: [AMQPDelivery], attempts: [Int]) async throws -> [TaskDisposition] {
        var dispositions = [TaskDisposition](repeating: .completed, count: deliveries.count)
        var tasks: [(index: Int, task: RegisterTask)] = []
        for (index, delivery) in deliveries.enumerated() {
            switch TaskDecoder.decodeRegister(delivery.body) {
            case .success(let task): tasks.append((index, task))
            case .failure(let error): dispositions[index] = .park(reason: "undecodable register task: \(error)")
            }
        }

        // Idempotency: a task already recorded (or twice in this batch) changes nothing again.
        let done = try await store.recordedTaskIDs(tasks.map(\.task.taskID))
        var seen = Set<String>()
        tasks.removeAll { !seen.insert($0.task.taskID).inserted || done.contains($0.task.taskID) }
        if tasks.isEmpty { return dispositions }

        let rows = try await store.beneficiaries(nationalIDs: tasks.map(\.task.request.nationalID.digits))
        let date = now()
        var records: [RegistrationRecord] = []
        var recordIndexes: [Int] = []   // the delivery of each record
        var open: [(index: Int, task: RegisterTask, state: BeneficiaryState)] = []
        for (index, task) in tasks {
            let state = rows[task.request.nationalID.digits]?.registrationState ?? .unknown
            switch RegistrationRules.precheck(request: task.request, beneficiary: state) {
            case nil:
                open.append((index, task, state))
            case .retryLater(let reason)?:
                dispositions[index] = .retry(reason: "\(reason): the beneficiary's identity verification has not finished")
            case let decision?:
                records.append(record(task, decision, bankName: nil, attempt: attempts[index]))
                recordIndexes.append(index)
            }
        }

        if !open.isEmpty {
            let keys = open.map { BankAccountKey(bankBIN: $0.task.request.bankBIN, bankAccount: $0.task.request.bankAccount) }
            var answers: [BankAccountKey: BankNameInquiryResult]?
            do {
                answers = try await bank.inquire(keys)
            } catch {
                for item in open { dispositions[item.index] = .retry(reason: "\(error)") }
            }
            if let answers {
                let claims = open.map { item in
                    AccountClaim(nationalID: item.task.request.nationalID.digits, bankBIN: item.task.request.bankBIN,
                                 bankAccount: item.task.request.bankAccount)
                }
                let shared = try await store.accountsPayingOthers(claims)
                for (position, item) in open.enumerated() {
                    guard let answer = answers[keys[position]] else {
                        // An adapter that skips an account breaks the port's contract: ask again later.
                        dispositions[item.index] = .retry(reason: "bank name inquiry gave no answer for an account")
                        continue
                    }
                    let decision = RegistrationRules.decide(
                        request: item.task.request, beneficiary: item.state, bankInquiry: answer,
                        accountPaysAnotherBeneficiary: shared.contains(claims[position]), policy: policy, decisionDate: date)
                    if case .retryLater(let reason) = decision {
                        dispositions[item.index] = .retry(reason: "\(reason)")
                        continue
                    }
                    var bankName: String?
                    if case .holder(let name) = answer { bankName = name }
                    records.append(record(item.task, decision, bankName: bankName, attempt: attempts[item.index]))
                    recordIndexes.append(item.index)
                }
            }
        }

        let results = try await recordIsolatingRefusals(records, deliveries: recordIndexes, dispositions: &dispositions, logger: logger) {
            try await store.recordRegistrations($0, at: date)
        }
        for (record, result) in zip(records, results) {
            guard case .recorded(let decision)? = result else { continue }
            let metadata: Logger.Metadata = [
                "task.id": "\(record.taskID)", "beneficiary.id": "\(record.request.nationalID.masked)",
                "registration.decision": "\(decision)",
            ]
            switch decision.kind {
            case .review: logger.warning("registration needs review", metadata: metadata)
            case .registered, .rejected, .retryLater: logger.debug("registration decided", metadata: metadata)
            }
        }
        return dispositions
    }

    private func record(_ task: RegisterTask, _ decision: RegistrationDecision, bankName: String?, attempt: Int) -> RegistrationRecord {
        RegistrationRecord(taskID: task.taskID, request: task.request, decision: decision, bankHolderName: bankName,
                           attempt: attempt, worker: workerName)
    }
}
