import AMQP
import Foundation
import Logging
import PensionDomain
import PensionIntegrations
import PensionStore
@testable import PensionWorkers

/// Builders for register-worker tests on top of a `WorkerFixture`: beneficiaries in a chosen
/// verification state, requests, tasks, and a worker wired to a bank inquiry.
struct RegisterFixture {
    let base: WorkerFixture
    /// Decision clock: 2026-11-10 10:00 in Vietnam, so requests before the 20th switch from 2026-12.
    static let decisionDate = Date(timeIntervalSince1970: 1_794_279_600)   // 2026-11-10T03:00:00Z
    static let requestedAt = Date(timeIntervalSince1970: 1_794_189_600)    // 2026-11-09T02:00:00Z
    static let december = Period(year: 2026, month: 12)!

    enum State { case verified, pending, mismatch, deceased }

    static func id(_ n: Int) -> NationalID { try! NationalID.parse("0792" + String(format: "%08d", n)) }

    /// Puts a beneficiary on record (paid in cash unless `account` is given) in the given state.
    func person(_ n: Int, name: String = "Nguyễn Văn Hùng", state: State = .verified, account: (bin: String, number: String)? = nil) async throws {
        let id = Self.id(n)
        _ = try await base.store.upsertBeneficiaries([BeneficiaryUpsert(
            nationalID: id.digits, fullName: name, dateOfBirth: "1948-05-17", sex: "M", provinceCode: "79",
            paymentMethod: account == nil ? .cash : .bank, bankBIN: account?.bin, bankAccount: account?.number)], at: Date())
        let outcome: String
        switch state {
        case .pending: return
        case .verified: outcome = "verified"
        case .mismatch: outcome = "mismatch"
        case .deceased: outcome = "deceased"
        }
        try await verify(n, outcome: outcome)
    }

    func verify(_ n: Int, outcome: String = "verified") async throws {
        _ = try await base.store.recordVerifications([VerificationOutcomeRecord(
            taskID: "verify-\(n)-\(outcome)", nationalID: Self.id(n).digits, period: "2026-11", outcome: outcome,
            mismatchFields: outcome == "mismatch" ? ["date_of_birth"] : [], attempt: 1, worker: "test")], at: Date())
    }

    static func request(_ n: Int, bin: String = "970436", account: String, holder: String = "Nguyễn Văn Hùng",
                        authorisedHolder: Int? = nil, expires: String? = nil, requestedAt: Date = requestedAt) -> RegistrationRequest {
        RegistrationRequest(nationalID: id(n), bankBIN: bin, bankAccount: account, holderName: holder,
                            authorisedHolderID: authorisedHolder.map(id), authorisationExpires: expires.map { try! PartialDate.parse($0) },
                            channel: .bank, requestedAt: requestedAt)
    }

    static func task(_ request: RegistrationRequest) -> RegisterTask {
        RegisterTask(request: request, createdAt: requestedAt)
    }

    func publish(_ tasks: [RegisterTask]) async throws {
        try await base.publishRaw(tasks.map { RegisterTask.message($0, province: "79", topology: base.topology) })
    }

    func makeWorker(bank: any BankNameInquiry, status: WorkerStatus = WorkerStatus(), batch: Int = 50) -> TaskWorker<RegisterHandler> {
        let handler = RegisterHandler(store: base.store, bank: bank, workerName: "register-test", logger: base.logger,
                                      now: { RegisterFixture.decisionDate })
        var options = WorkerOptions(name: "\(base.topology.namespace) register", prefetch: 200, maxBatch: batch, topology: base.topology)
        options.reconnect = AMQPReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
        return TaskWorker(url: base.url, handler: handler, options: options, status: status, logger: base.logger)
    }

    /// Runs a worker until `condition` holds (or the timeout passes), then stops it; returns whether it held.
    func run(_ worker: TaskWorker<RegisterHandler>, timeout: Duration = .seconds(60), until condition: () async throws -> Bool) async throws -> Bool {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            let held = try await eventually(timeout: timeout, condition)
            worker.stop()
            try await group.waitForAll()
            return held
        }
    }

    func registrationCount() throws -> Int {
        try base.store.registrationDecisionCounts().values.reduce(0, +)
    }

    /// A 16-digit number with the bank's card prefix and a valid Luhn digit: a card, not an account.
    static func cardNumber(prefix: String = "970436") -> String {
        let payload = prefix + "123456789"
        return payload + String(Luhn.checkDigit(for: payload)!)
    }
}
