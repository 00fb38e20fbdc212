import AMQP
import Foundation
import Logging
import PensionDomain
import PensionIntegrations
import PensionStore
import Synchronization
@testable import PensionWorkers

/// A settable clock for quiet-hours and window tests.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ date: Date) { value = Mutex(date) }
    var now: Date { value.withLock { $0 } }
    func set(_ date: Date) { value.withLock { $0 = date } }
}

/// 2026-11-16 10:00 in Vietnam (03:00 UTC): outside quiet hours.
let vietnamMorning = Date(timeIntervalSince1970: 1_795_316_400)
/// 2026-11-16 23:00 in Vietnam: inside quiet hours (21:00–07:00).
let vietnamNight = vietnamMorning.addingTimeInterval(13 * 3600)

/// The outreach worker's world: a `WorkerFixture`, the gateway simulator on a real socket and an HTTP
/// client to it.
final class OutreachFixture: Sendable {
    let base: WorkerFixture
    let simulator: NoticeGatewaySimulator
    let gateway: HTTPNoticeGateway
    let port: Int
    private let serverTask: Task<Void, any Error>

    init(_ name: String, faults: NoticeGatewayFaults = .none, requestTimeout: Duration = .seconds(2)) async throws {
        base = try await WorkerFixture(name)
        simulator = NoticeGatewaySimulator(faults: faults, logger: base.logger)
        let simulator = simulator
        serverTask = Task { try await simulator.run() }
        port = try await simulator.listeningPort()
        gateway = try HTTPNoticeGateway(
            options: NoticeGatewayOptions(baseURL: "http://127.0.0.1:\(port)", requestTimeout: requestTimeout,
                                          retry: RegistryRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100)),
                                          circuitBreaker: .init(failureThreshold: 1000, coolDown: .seconds(1))),
            logger: base.logger)
    }

    var store: PensionDatabase { base.store }

    func cleanUp() async {
        try? await gateway.shutdown()
        serverTask.cancel()
        _ = try? await serverTask.value
        await base.cleanUp()
    }

    static func id(_ i: Int) -> NationalID { try! NationalID.parse("0791" + String(format: "%08d", 40_000_000 + i)) }

    static func phone(_ i: Int) -> String { "09" + String(format: "%08d", 10_000_000 + i) }

    /// `count` cash-paid active beneficiaries with phones; returns their outreach tasks for `period`.
    func seed(_ count: Int, from start: Int = 0, payment: PaymentMethod = .cash, phone: Bool = true, birthYear: Int = 1955,
              period: Period? = nil) async throws -> [OutreachTask] {
        let period = period ?? base.period
        var rows: [BeneficiaryUpsert] = []
        var tasks: [OutreachTask] = []
        for i in start..<(start + count) {
            let id = Self.id(i)
            let name = ["Nguyễn Văn Hùng", "Trần Thị Thủy", "Le Huu Phuc", "Đặng Thị Hòa"][i % 4]
            rows.append(BeneficiaryUpsert(nationalID: id.digits, fullName: name, dateOfBirth: "\(birthYear)-05-17", sex: i % 2 == 0 ? "M" : "F",
                                          provinceCode: "79", communeCode: "26734", phone: phone ? Self.phone(i) : nil, paymentMethod: payment,
                                          bankBIN: payment == .bank ? "970436" : nil, bankAccount: payment == .bank ? "0011000\(100_000 + i)" : nil))
            tasks.append(task(i, period: period))
        }
        _ = try await store.upsertBeneficiaries(rows, at: Date())
        return tasks
    }

    func task(_ i: Int, period: Period? = nil) -> OutreachTask {
        .followUp(nationalID: Self.id(i), provinceCode: "79", communeCode: "26734", period: period ?? base.period, at: Date())
    }

    func publish(_ tasks: [OutreachTask]) async throws {
        try await base.publishRaw(tasks.map { task in
            var properties = AMQPProperties()
            properties.persistent = true
            properties.contentType = "application/json"
            properties.messageID = task.taskID
            return AMQPOutgoingMessage(exchange: base.topology.tasksExchange, routingKey: Topology.routingKey(.outreach, province: task.provinceCode),
                                       body: task.encodedJSON(), properties: properties)
        })
    }

    func makeHandler(clock: TestClock? = nil, options: OutreachOptions = OutreachOptions()) throws -> OutreachHandler {
        var options = options
        options.maxAttempts = base.topology.retryDelays.count + 1
        let now: @Sendable () -> Date
        if let clock { now = { clock.now } } else { now = { vietnamMorning } }
        return OutreachHandler(store: store, gateway: gateway, renderer: try NoticeRenderer(),
                               limiter: ChannelRateLimiter(limits: [.sms: ChannelRateLimit(perSecond: 1000)]), options: options,
                               logger: base.logger, now: now)
    }

    func makeWorker(_ handler: OutreachHandler, name: String = "outreach-worker", status: WorkerStatus = WorkerStatus()) -> TaskWorker<OutreachHandler> {
        var options = WorkerOptions(name: "\(base.topology.namespace) \(name)", prefetch: 100, maxBatch: 50, topology: base.topology)
        options.reconnect = AMQPReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
        return TaskWorker(url: base.url, handler: handler, options: options, status: status, logger: base.logger)
    }

    /// Runs workers until `condition` holds (or times out), then stops them.
    func run(_ workers: [TaskWorker<OutreachHandler>], until condition: @escaping () async throws -> Bool) async throws -> Bool {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in workers { group.addTask { try await worker.run() } }
            let held = try await eventually(timeout: .seconds(60), condition)
            for worker in workers { worker.stop() }
            try await group.waitForAll()
            return held
        }
    }

    func count(_ state: NoticeState) throws -> Int { try store.noticeCounts()[state] ?? 0 }
}
