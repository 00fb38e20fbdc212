import Foundation
import GRDB
import PensionDomain
import Testing
@testable import PensionStore

/// The outreach tables: claims, the one-notice-per-window constraint, skips, deferrals.
@Suite struct NoticeStoreTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-notices-\(UUID().uuidString.prefix(8))")

    func open() throws -> PensionDatabase {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try PensionDatabase(path: directory.appendingPathComponent("node.sqlite").path)
    }

    func claim(_ channel: NoticeChannel, task: String = "task-1", id: String = "079140000001", window: String = "30d-0010") -> NoticeClaim {
        let nationalID = try! NationalID.parse(id)
        return NoticeClaim(noticeID: NoticeID.make(nationalID: nationalID, campaignWindowKey: window, channel: channel), taskID: task,
                           nationalID: id, provinceCode: "79", period: "2026-11", channel: channel, campaignWindow: window)
    }

    @Test func claimSendFlowIsIdempotent() throws {
        let store = try open()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sms = claim(.sms)
        #expect(try store.claimNotice(sms, at: Date()) == .claimed)
        // A crash before the answer: the same notice is claimed again (same idempotency key).
        #expect(try store.claimNotice(sms, at: Date()) == .claimed)
        // Another task (another worker) never calls the gateway for a notice in flight.
        #expect(try store.claimNotice(claim(.sms, task: "task-2"), at: Date()) == .windowTaken)
        try store.markNoticeSent(noticeID: sms.noticeID, taskID: sms.taskID, gatewayMessageID: "m-1", segments: 2, at: Date())
        #expect(try store.claimNotice(sms, at: Date()) == .taskDone)
        #expect(try store.claimNotice(claim(.sms, task: "task-2"), at: Date()) == .alreadySent(gatewayMessageID: "m-1"))
        #expect(try store.claimNotice(claim(.zalo, task: "task-2"), at: Date()) == .windowTaken)
        // Another window is free.
        #expect(try store.claimNotice(claim(.sms, task: "task-3", window: "30d-0011"), at: Date()) == .claimed)
        let rows = try store.notices(taskID: "task-1")
        #expect(rows.count == 1 && rows[0].state == .sent && rows[0].attempts == 2 && rows[0].segments == 2)
    }

    @Test func theSchemaRefusesASecondNoticeInTheWindow() throws {
        let store = try open()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try store.claimNotice(claim(.sms), at: Date()) == .claimed)
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO notices (notice_id, task_id, national_id, province_code, period, channel, campaign_window, state, created_at, updated_at)
                    VALUES ('other', 't', '079140000001', '79', '2026-11', 'zalo', '30d-0010', 'sent', '2026', '2026')
                    """)
            }
        }
    }

    @Test func failureFreesTheWindowForTheFallback() throws {
        let store = try open()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sms = claim(.sms)
        #expect(try store.claimNotice(sms, at: Date()) == .claimed)
        try store.markNoticeFailed(noticeID: sms.noticeID, taskID: sms.taskID, failure: "invalid_number", finishTask: false, at: Date())
        #expect(try store.claimNotice(claim(.letter), at: Date()) == .claimed)
        #expect(try store.noticeCounts() == [.failed: 1, .sending: 1])
    }

    @Test func skipsAreRecordedOnce() throws {
        let store = try open()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try store.recordSkippedNotice(taskID: "t", nationalID: "079140000001", provinceCode: "79", period: "2026-11",
                                              campaignWindow: "30d-0010", reason: "deceased", at: Date()))
        #expect(try !store.recordSkippedNotice(taskID: "t", nationalID: "079140000001", provinceCode: "79", period: "2026-11",
                                               campaignWindow: "30d-0010", reason: "deceased", at: Date()))
        #expect(try store.noticeCounts() == [.skipped: 1])
        #expect(try store.recordedTaskIDs(["t"]) == ["t"])
    }

    @Test func deferredNoticesAreResumedThroughTheOutboxWhenDue() throws {
        let store = try open()
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try store.deferNotice(claim(.sms), until: now.addingTimeInterval(3600), at: now)
        #expect(try store.resumeDueNotices(now: now, exchange: "x") == 0)
        #expect(try store.resumeDueNotices(now: now.addingTimeInterval(3600), exchange: "x") == 1)
        #expect(try store.resumeDueNotices(now: now.addingTimeInterval(7200), exchange: "x") == 0)
        let outbox = try store.pendingOutbox(limit: 10)
        #expect(outbox.count == 1)
        let task = try JSONDecoder.iso8601.decode(OutreachTask.self, from: Data(outbox[0].body))
        #expect(task.taskID == "task-1" && outbox[0].routingKey == "outreach.79")
        // The resumed task claims the deferred notice.
        #expect(try store.claimNotice(claim(.sms), at: now) == .claimed)
    }

    @Test func contactPreferencesRoundTrip() throws {
        let store = try open()
        defer { try? FileManager.default.removeItem(at: directory) }
        let preference = ContactPreference(nationalID: "079140000001", preferredChannel: .zalo, optedOut: false, email: "a@b.vn",
                                           zaloAvailable: true, postalAddress: "Số 5, ngõ 12")
        try store.upsertContactPreferences([preference], at: Date())
        #expect(try store.contactPreferences(nationalIDs: ["079140000001", "079140000002"]) == ["079140000001": preference])
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
