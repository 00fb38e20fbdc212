import AMQP
import Foundation
import GRDB
import PensionDomain
import PensionIntegrations
import PensionStore
import Testing
@testable import PensionWorkers

/// The outreach worker against the real broker, real SQLite and the gateway simulator over a socket.
@Suite struct OutreachWorkerTests {
    @Test func sendsEndToEndAndARedeliveryNeverSendsASecondMessage() async throws {
        let fixture = try await OutreachFixture("outreach-e2e")
        let tasks = try await fixture.seed(40)
        // The first answer is lost after the gateway accepted: the client retries with the same key.
        fixture.simulator.enqueueFaults([.acceptThenError])
        try await fixture.publish(tasks)
        let worker = fixture.makeWorker(try fixture.makeHandler())
        #expect(try await fixture.run([worker]) { try fixture.count(.sent) == 40 })
        #expect(fixture.simulator.sent.count == 40)

        // The same tasks again, and the next period's tasks in the same window: nothing new at the gateway.
        try await fixture.publish(tasks + (0..<40).map { fixture.task($0, period: fixture.base.period.next) })
        let status = WorkerStatus()
        let again = fixture.makeWorker(try fixture.makeHandler(), status: status)
        #expect(try await fixture.run([again]) { status.completed == 80 })
        let sent = fixture.simulator.sent
        #expect(sent.count == 40)
        #expect(Set(sent.map(\.message.noticeID)).count == 40)
        #expect(Set(sent.map(\.message.recipient)).count == 40)
        #expect(sent.allSatisfy { $0.message.channel == .sms && $0.message.body.contains("lương hưu") })
        let sms = try #require(sent.first?.message)
        #expect(sms.encoding == .ucs2 && (sms.segments ?? 0) >= 2)
        let stored = try fixture.store.notices(taskID: tasks[0].taskID)
        #expect(stored.count == 1 && stored[0].state == .sent && stored[0].gatewayMessageID != nil && stored[0].segments == sms.segments)
        #expect(fixture.simulator.counters.replays >= 1)
        #expect(try await fixture.base.messageCount(fixture.base.topology.deadQueue) == 0)
        await fixture.cleanUp()
    }

    @Test func twoConcurrentWorkersSendOneNoticePerBeneficiaryPerWindow() async throws {
        let fixture = try await OutreachFixture("outreach-race")
        let november = try await fixture.seed(60)
        // Two tasks per person (two periods, same window), handled by two workers at once.
        let december = (0..<60).map { fixture.task($0, period: fixture.base.period.next) }
        try await fixture.publish(zip(november, december).flatMap { [$0, $1] })
        let status1 = WorkerStatus(), status2 = WorkerStatus()
        let workers = [fixture.makeWorker(try fixture.makeHandler(), name: "w1", status: status1),
                       fixture.makeWorker(try fixture.makeHandler(), name: "w2", status: status2)]
        #expect(try await fixture.run(workers) { status1.completed + status2.completed == 120 })
        let sent = fixture.simulator.sent
        #expect(sent.count == 60)
        #expect(Set(sent.map(\.message.recipient)).count == 60)
        #expect(try fixture.count(.sent) == 60)
        let outcomes = try await fixture.store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) FROM task_log GROUP BY outcome")
                .map { ($0[0] as String, $0[1] as Int) })
        }
        #expect(outcomes == ["sent": 60, "already_noticed": 60])
        await fixture.cleanUp()
    }

    /// The window is a rolling one: a notice on the last day of a 30-day block keeps the next block's
    /// first days quiet too; 30 days after it, the person may hear from us again.
    @Test func theDedupWindowRollsAcrossBlockBoundaries() async throws {
        let fixture = try await OutreachFixture("outreach-rolling")
        let window = CampaignWindow()
        // 09:00 in Vietnam on the last day of block 24.
        let lastDay = window.interval(ofWindow: 24).end.addingTimeInterval(-86_400 + 9 * 3600)
        let clock = TestClock(lastDay)
        let handler = try fixture.makeHandler(clock: clock)
        let first = try await fixture.seed(10)
        try await fixture.publish(first)
        let status = WorkerStatus()
        #expect(try await fixture.run([fixture.makeWorker(handler, status: status)]) { status.completed == 10 })
        #expect(fixture.simulator.sent.count == 10)

        // Two days later: a new block, but only two days since the last notice.
        clock.set(lastDay.addingTimeInterval(2 * 86_400))
        #expect(window.windowKey(for: clock.now) != window.windowKey(for: lastDay))
        try await fixture.publish((0..<10).map { fixture.task($0, period: fixture.base.period.next) })
        #expect(try await fixture.run([fixture.makeWorker(handler, status: status)]) { status.completed == 20 })
        #expect(fixture.simulator.sent.count == 10)

        // Thirty days after the first notice: one more each.
        clock.set(lastDay.addingTimeInterval(30 * 86_400))
        try await fixture.publish((0..<10).map { fixture.task($0, period: fixture.base.period.next.next) })
        #expect(try await fixture.run([fixture.makeWorker(handler, status: status)]) { status.completed == 30 })
        #expect(fixture.simulator.sent.count == 20)
        let outcomes = try await fixture.store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) FROM task_log GROUP BY outcome")
                .map { ($0[0] as String, $0[1] as Int) })
        }
        #expect(outcomes == ["sent": 20, "already_noticed": 10])
        await fixture.cleanUp()
    }

    @Test func quietHoursDeferThenResumeInTheMorning() async throws {
        let fixture = try await OutreachFixture("outreach-quiet")
        let tasks = try await fixture.seed(10)
        try await fixture.publish(tasks)
        let clock = TestClock(vietnamNight)
        let status = WorkerStatus()
        let worker = fixture.makeWorker(try fixture.makeHandler(clock: clock), status: status)
        let resumer = DeferredNoticeResumer(store: fixture.store, topology: fixture.base.topology, logger: fixture.base.logger,
                                            now: { clock.now })
        let relay = OutboxRelay(url: fixture.base.url, store: fixture.store, name: "quiet relay", topology: fixture.base.topology,
                                logger: fixture.base.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            #expect(await eventually { (try? fixture.count(.deferred)) == 10 })
            #expect(fixture.simulator.sent.isEmpty)
            #expect(try await resumer.resumeDue() == 0)          // still night
            #expect(try await fixture.store.recordedTaskIDs(tasks.map(\.taskID)).isEmpty)   // deferred, not done
            let deferred = try fixture.store.notices(taskID: tasks[0].taskID)
            // 07:00 the next morning, Vietnam time.
            #expect(deferred.first?.notBefore == vietnamMorning.addingTimeInterval(21 * 3600))
            clock.set(vietnamMorning.addingTimeInterval(21 * 3600 + 60))
            #expect(try await resumer.resumeDue() == 10)
            let connection = try await fixture.base.connect("relay")
            try await connection.enablePublisherConfirms()
            #expect(try await relay.relayPending(on: connection) == 10)
            await connection.close()
            #expect(await eventually { (try? fixture.count(.sent)) == 10 })
            worker.stop()
            try await group.waitForAll()
        }
        #expect(fixture.simulator.sent.count == 10)
        #expect(try fixture.count(.deferred) == 0)
        await fixture.cleanUp()
    }

    @Test func aPermanentRejectionFallsBackToTheNextChannel() async throws {
        let fixture = try await OutreachFixture("outreach-fallback",
                                                faults: NoticeGatewayFaults(rejectedRecipients: [OutreachFixture.phone(0), OutreachFixture.phone(1)]))
        let tasks = try await fixture.seed(3)
        try fixture.store.upsertContactPreferences([
            ContactPreference(nationalID: OutreachFixture.id(0).digits, postalAddress: "Số 12, ấp Bình Thạnh, xã Tân Nhựt"),
        ], at: Date())
        try await fixture.publish(tasks)
        let status = WorkerStatus()
        let worker = fixture.makeWorker(try fixture.makeHandler(), status: status)
        #expect(try await fixture.run([worker]) { status.completed == 3 })
        let first = try fixture.store.notices(taskID: tasks[0].taskID).sorted { $0.createdAt < $1.createdAt }
        #expect(first.map(\.channel) == [.sms, .letter])
        #expect(first.map(\.state) == [.failed, .sent])
        #expect(first[0].failure == "invalid_number")
        let second = try fixture.store.notices(taskID: tasks[1].taskID).sorted { $0.createdAt < $1.createdAt }
        #expect(second.map(\.channel) == [.sms, .homeVisit])      // no address: the commune visits
        #expect(second.last?.state == .sent)
        let sent = fixture.simulator.sent
        #expect(sent.map(\.message.channel).sorted { $0.rawValue < $1.rawValue } == [.letter, .sms])
        #expect(sent.first { $0.message.channel == .letter }?.message.body.contains("ấp Bình Thạnh") == true)
        #expect(fixture.simulator.counters.rejected == 2)
        await fixture.cleanUp()
    }

    @Test func lettersGoToThePeriodFolderOncePerNoticeAndNotToTheGateway() async throws {
        let fixture = try await OutreachFixture("outreach-letters")
        let tasks = try await fixture.seed(4, phone: false)
        let address = "Số 12, ấp Bình Thạnh, xã Tân Nhựt"
        try fixture.store.upsertContactPreferences((0..<3).map {
            ContactPreference(nationalID: OutreachFixture.id($0).digits, preferredChannel: .letter, postalAddress: address)
        }, at: Date())
        let root = fixture.base.directory.appendingPathComponent("outreach-out")
        var options = OutreachOptions()
        options.letterFolder = OutreachFolder(root: root)
        let handler = try fixture.makeHandler(options: options)
        // Twice the same tasks: a redelivery must not print a second letter.
        try await fixture.publish(tasks + tasks)
        let status = WorkerStatus()
        #expect(try await fixture.run([fixture.makeWorker(handler, status: status)]) { status.completed == 8 })

        let folder = root.appendingPathComponent("2026-11/letters/79/26734")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count == 3)
        #expect(files.allSatisfy { $0.hasPrefix("notice-") && $0.hasSuffix(".txt") }, "no temporary file is left behind")
        let letter = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(letter.contains(address) && letter.contains("THÔNG BÁO"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(files[0]).path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let notice = try #require(fixture.store.notices(taskID: tasks[0].taskID).first)
        #expect(notice.channel == .letter && notice.state == .sent)
        #expect(notice.gatewayMessageID == "file:2026-11/letters/79/26734/\(notice.noticeID).txt")
        #expect(fixture.simulator.sent.isEmpty, "letters in the folder never reach the gateway")
        // The fourth person has neither phone nor address: the commune visits.
        #expect(try fixture.store.notices(taskID: tasks[3].taskID).first?.channel == .homeVisit)

        // The commune's home-visit list lands in the same period folder.
        let visits = try await runCommandAsync(try pensionpayExecutable().path, [
            "outreach", "visits", "--db", fixture.base.dbPath, "--province", "79", "--period", "2026-11", "--output-dir", root.path])
        #expect(visits.status == 0)
        let csv = try String(contentsOf: root.appendingPathComponent("2026-11/home-visits/79/26734.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\r\n").count == 2)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("2026-11/home-visits/79/26734.html").path))
        let refused = try await runCommandAsync(try pensionpayExecutable().path, [
            "outreach", "visits", "--db", fixture.base.dbPath, "--province", "../79", "--period", "2026-11", "--output-dir", root.path])
        #expect(refused.status != 0)
        await fixture.cleanUp()
    }

    @Test func gatewayFaultsAreRetriedAndNothingIsLostOrDoubled() async throws {
        let fixture = try await OutreachFixture("outreach-faults",
                                                faults: NoticeGatewayFaults(timeoutHold: .seconds(2)), requestTimeout: .milliseconds(300))
        let tasks = try await fixture.seed(30)
        // More faults in a row than the client's in-call retries: some tasks go down the retry ladder.
        fixture.simulator.enqueueFaults([.error, .error, .error, .timeout, .acceptThenError, .error, .error, .error, .acceptThenError, .timeout])
        try await fixture.publish(tasks)
        let status = WorkerStatus()
        let worker = fixture.makeWorker(try fixture.makeHandler(), status: status)
        #expect(try await fixture.run([worker]) { try fixture.count(.sent) == 30 })
        let sent = fixture.simulator.sent
        #expect(sent.count == 30)
        #expect(Set(sent.map(\.message.noticeID)).count == 30)
        #expect(fixture.simulator.counters.faulted == 10)
        #expect(try await fixture.store.recordedTaskIDs(tasks.map(\.taskID)).count == 30)
        await fixture.cleanUp()
    }

    @Test func ineligibleBeneficiariesAreSkippedAndGetNothing() async throws {
        let fixture = try await OutreachFixture("outreach-skip")
        let cash = try await fixture.seed(3)
        let bank = try await fixture.seed(1, from: 3, payment: .bank)
        let unknown = [fixture.task(99)]
        try fixture.store.upsertContactPreferences([ContactPreference(nationalID: OutreachFixture.id(0).digits, optedOut: true)], at: Date())
        try await fixture.store.pool.write { db in
            try db.execute(sql: "UPDATE beneficiaries SET status = 'deceased' WHERE national_id = ?", arguments: [OutreachFixture.id(1).digits])
            try db.execute(sql: "UPDATE beneficiaries SET status = 'hold', hold_reason = 'mismatch' WHERE national_id = ?",
                           arguments: [OutreachFixture.id(2).digits])
        }
        try await fixture.publish(cash + bank + unknown)
        let status = WorkerStatus()
        let worker = fixture.makeWorker(try fixture.makeHandler(), status: status)
        #expect(try await fixture.run([worker]) { status.completed == 5 })
        #expect(fixture.simulator.sent.isEmpty)
        let reasons = try await fixture.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT failure FROM notices WHERE state = 'skipped' ORDER BY failure")
        }
        #expect(reasons == ["already_bank", "deceased", "not_on_record", "on_hold", "opted_out"])
        await fixture.cleanUp()
    }

    @Test func undecodableTasksAreParked() async throws {
        let fixture = try await OutreachFixture("outreach-park")
        try await fixture.base.publishRaw([AMQPOutgoingMessage(exchange: fixture.base.topology.tasksExchange, routingKey: "outreach.79",
                                                               body: Array(#"{"schema":"pensionpay.outreach.v1"}"#.utf8),
                                                               properties: AMQPProperties(messageID: "bad-1"))])
        let status = WorkerStatus()
        let worker = fixture.makeWorker(try fixture.makeHandler(), status: status)
        #expect(try await fixture.run([worker]) { status.parked == 1 })
        #expect(try await fixture.base.messageCount(fixture.base.topology.deadQueue) == 1)
        await fixture.cleanUp()
    }
}
