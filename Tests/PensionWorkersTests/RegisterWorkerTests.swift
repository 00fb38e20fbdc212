import AMQP
import Foundation
import GRDB
import Logging
import PensionDomain
import PensionIntegrations
import PensionStore
import Testing
@testable import PensionWorkers

/// The register worker against the real broker, real SQLite and the bank simulator over a real socket.
@Suite struct RegisterWorkerTests {
    /// The simulated bank's accounts: (BIN, account, holder as the bank keeps it).
    static let bankAccounts: [(String, String, String)] = [
        ("970436", "0071000000001", "NGUYEN VAN HUNG"),
        ("970436", "0071000000010", "LE VAN NAM"),
        ("970436", "0071000000011", "LE VAN NAM"),
        ("970436", "0071000000012", "LE VAN NAM"),
        ("970436", "0071000000013", "LE VAN NAM"),
        ("970436", "0071000000015", "TRAN THI THUY"),
    ]

    static func bank() -> SimulatedBankAccounts {
        SimulatedBankAccounts(holders: Dictionary(uniqueKeysWithValues: bankAccounts.map {
            (BankAccountKey(bankBIN: $0.0, bankAccount: $0.1), $0.2)
        }))
    }

    /// Runs `body` with an HTTP client talking to a bank simulator on a real loopback socket.
    static func withHTTPBank<T>(faults: RegistryFaults = .none, retry: RegistryRetryPolicy = .dontRetry, logger: Logger,
                                _ body: (HTTPBankNameInquiry, BankSimulator) async throws -> T) async throws -> T {
        let simulator = BankSimulator(bank: bank(), options: RegistrySimulatorOptions(apiKey: "bank-key", faults: faults), logger: logger)
        return try await simulator.withRunningServer { port in
            let client = try HTTPBankNameInquiry(options: HTTPBankInquiryOptions(
                baseURL: "http://127.0.0.1:\(port)", apiKey: "bank-key", requestTimeout: .milliseconds(500), retry: retry,
                circuitBreaker: .init(failureThreshold: 50, coolDown: .milliseconds(200))), logger: logger)
            do {
                let result = try await body(client, simulator)
                try await client.shutdown()
                return result
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    @Test func everyDecisionCodeEndToEnd() async throws {
        let base = try await WorkerFixture("register-all")
        let f = RegisterFixture(base: base)
        try await f.person(1)
        try await f.person(3, state: .mismatch)
        try await f.person(4, state: .deceased)
        for n in 5...13 { try await f.person(n) }
        try await f.person(14, name: "Trần Thị Thủy")
        try await f.person(15, name: "Trần Thị Thủy", account: ("970436", "0071000000015"))   // already paid there
        let R = RegisterFixture.self
        let cases: [(RegistrationRequest, String)] = [
            (R.request(1, account: "0071 0000 00001"), "registered"),
            (R.request(2, account: "0071000000001"), "rejected:unknown_beneficiary"),
            (R.request(3, account: "0071000000001"), "rejected:not_verified"),
            (R.request(4, account: "0071000000001"), "rejected:deceased"),
            (R.request(5, bin: "970999", account: "0071000000001"), "rejected:unknown_bank"),
            (R.request(6, account: R.cardNumber()), "rejected:card_number"),
            (R.request(7, bin: "970454", account: "99MM24011M34875080"), "rejected:e_wallet"),
            (R.request(8, account: "12AB"), "rejected:invalid_account"),
            (R.request(9, account: "0071000999999"), "rejected:account_not_found"),
            (R.request(10, account: "0071000000010"), "rejected:holder_name_mismatch"),
            (R.request(11, account: "0071000000011", authorisedHolder: 90, expires: "2026-10-01"), "rejected:authorisation_expired"),
            (R.request(12, account: "0071000000012", authorisedHolder: 90, expires: "2028-01-01"), "rejected:authorisation_invalid"),
            (R.request(13, account: "0071000000013", authorisedHolder: 90, expires: "2027-06-01"), "registered"),
            (R.request(14, account: "0071000000015", holder: "Trần Thị Thủy"), "review:shared_account"),
        ]
        try await f.publish(cases.map { R.task($0.0) })
        let status = WorkerStatus()
        try await Self.withHTTPBank(logger: base.logger) { client, _ in
            let held = try await f.run(f.makeWorker(bank: client, status: status)) { try f.registrationCount() == cases.count }
            #expect(held)
        }
        let decisions = try await base.store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT national_id, decision || coalesce(':' || reason, '') FROM registrations")
                .map { ($0[0] as String, $0[1] as String) })
        }
        for (request, expected) in cases {
            #expect(decisions[request.nationalID.digits] == expected, "\(request.nationalID): \(expected)")
        }
        #expect(status.parked == 0 && status.retried == 0)
        // Registered ones switch from December, with an audit row; the review is visible in the audit trail.
        let effective = try await base.store.pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT effective_period FROM registrations WHERE decision = 'registered'") }
        #expect(effective == ["2026-12"])
        #expect(try await base.store.registrationsEffective(in: R.december).count == 2)
        let review = try await base.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT after FROM audit WHERE field = 'registration' AND national_id = ?", arguments: [R.id(14).digits])
        }
        #expect(review == "review: shared_account (970436 **********015)")
        #expect(try await base.store.applyDuePaymentSwitches(period: R.december, at: Date()) == 2)
        #expect(try base.store.beneficiary(nationalID: R.id(1).digits)?.paymentMethod == .bank)
        #expect(try base.store.beneficiary(nationalID: R.id(14).digits)?.paymentMethod == .cash)
        #expect(try await base.store.progressReport().totals.registered == 2)
        // The holder-name keys are stored unaccented and upper case.
        let keys = try base.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT holder_name_key, bank_holder_key FROM registrations WHERE national_id = ?", arguments: [R.id(1).digits])
        }
        #expect(keys?[0] as String? == "NGUYEN VAN HUNG" && keys?[1] as String? == "NGUYEN VAN HUNG")
        await base.cleanUp()
    }

    @Test func redeliveredTasksChangeNothingTwice() async throws {
        let base = try await WorkerFixture("register-idem")
        let f = RegisterFixture(base: base)
        try await f.person(1)
        try await f.person(9)
        let tasks = [RegisterFixture.task(RegisterFixture.request(1, account: "0071000000001")),
                     RegisterFixture.task(RegisterFixture.request(9, account: "0071000999999"))]
        try await f.publish(tasks + tasks)
        let status = WorkerStatus()
        let worker = f.makeWorker(bank: Self.bank(), status: status)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(await eventually { status.completed == 4 })
            let before = try await Self.counts(base)
            try await f.publish(tasks)
            #expect(await eventually { status.completed == 6 })
            #expect(try await Self.counts(base) == before)
            worker.stop()
            try await group.waitForAll()
        }
        #expect(try await Self.counts(base) == [2, 1, 1, 2])   // registrations, switches, audit, task_log
        await base.cleanUp()
    }

    static func counts(_ base: WorkerFixture) async throws -> [Int] {
        try await base.store.pool.read { db in
            try ["registrations", "payment_switches", "audit", "task_log"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
    }

    @Test func aPendingVerificationIsRetriedThenDecided() async throws {
        let base = try await WorkerFixture("register-pending", retryDelays: [.milliseconds(300), .milliseconds(600), .seconds(1), .seconds(2), .seconds(4)])
        let f = RegisterFixture(base: base)
        try await f.person(1, state: .pending)
        try await f.publish([RegisterFixture.task(RegisterFixture.request(1, account: "0071000000001"))])
        let status = WorkerStatus()
        let worker = f.makeWorker(bank: Self.bank(), status: status)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(await eventually { status.retried >= 1 })
            #expect(try f.registrationCount() == 0)
            try await f.verify(1)
            #expect(try await eventually { try f.registrationCount() == 1 })
            worker.stop()
            try await group.waitForAll()
        }
        #expect(try base.store.registrationDecisionCounts() == ["registered": 1])
        #expect(status.parked == 0)
        let attempt = try await base.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT attempt FROM registrations") }
        #expect((attempt ?? 0) >= 2)
        await base.cleanUp()
    }

    @Test func bankFaultsAreRetriedAndNothingIsLost() async throws {
        let base = try await WorkerFixture("register-faults", retryDelays: [.milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(2), .seconds(2)])
        let f = RegisterFixture(base: base)
        let count = 120
        var tasks: [RegisterTask] = []
        for n in 1...count {
            try await f.person(n)
            // The first asks for the one known account of NGUYEN VAN HUNG, the rest for accounts the bank does not have.
            tasks.append(RegisterFixture.task(RegisterFixture.request(n, account: n == 1 ? "0071000000001" : "00720000\(String(format: "%05d", n))")))
        }
        let faults = RegistryFaults(errorRate: 0.2, timeoutRate: 0.02, timeoutHold: .seconds(2), throttleRate: 0.05, retryAfterSeconds: 0)
        let status = WorkerStatus()
        try await Self.withHTTPBank(faults: faults, logger: base.logger) { client, simulator in
            simulator.enqueueFaults([.error, .error, .throttle(retryAfterSeconds: 0), .timeout])
            try await f.publish(tasks)
            let held = try await f.run(f.makeWorker(bank: client, status: status, batch: 10), timeout: .seconds(120)) { try f.registrationCount() == count }
            #expect(held)
            let stats = simulator.stats
            #expect(stats.errors >= 2 && stats.throttled >= 1 && stats.timedOut >= 1, "faults must have happened: \(stats)")
        }
        #expect(status.retried > 0)
        #expect(status.parked == 0)
        #expect(try base.store.registrationDecisionCounts() == ["registered": 1, "rejected:account_not_found": count - 1])
        #expect(try await base.messageCount(base.topology.deadQueue) == 0)
        await base.cleanUp()
    }

    @Test func undecodableTasksAreParked() async throws {
        let base = try await WorkerFixture("register-bad")
        let f = RegisterFixture(base: base)
        try await f.person(1)
        let good = RegisterFixture.task(RegisterFixture.request(1, account: "0071000000001"))
        let bad = AMQPOutgoingMessage(exchange: base.topology.tasksExchange, routingKey: "register.79", body: Array("{oops".utf8),
                                      properties: AMQPProperties(contentType: "application/json", messageID: "bad"))
        try await base.publishRaw([bad, RegisterTask.message(good, province: "79", topology: base.topology)])
        let status = WorkerStatus()
        #expect(try await f.run(f.makeWorker(bank: Self.bank(), status: status)) { try f.registrationCount() == 1 && status.parked == 1 })
        let parked = try await base.drain(base.topology.deadQueue)
        #expect(parked.first?.properties.headers[TaskHeaders.reason]?.stringValue?.contains("undecodable register task") == true)
        await base.cleanUp()
    }
}
