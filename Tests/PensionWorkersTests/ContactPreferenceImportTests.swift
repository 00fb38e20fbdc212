import Foundation
import PensionDomain
import PensionStore
import Testing
@testable import PensionWorkers

/// `outreach preferences` against a real SQLite file: merge rules, rejects with line numbers, idempotence.
@Suite struct ContactPreferenceImportTests {
    @Test func importsMergesAndRejectsWithLineNumbers() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-prefs-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try PensionDatabase(path: directory.appendingPathComponent("node.sqlite").path)
        let ids = (1...3).map { String(format: "0791550000%02d", $0) }
        _ = try await store.upsertBeneficiaries(ids.map {
            BeneficiaryUpsert(nationalID: $0, fullName: "Nguyễn Văn An", dateOfBirth: "1950", sex: "M", provinceCode: "79",
                              communeCode: "26734", phone: nil, paymentMethod: .cash)
        }, at: Date())

        let first = directory.appendingPathComponent("prefs.csv")
        try """
        national_id,preferred_channel,opted_out,email,zalo_available,postal_address
        \(ids[0]),letter,no,an@example.vn,no,"Số 5, thôn Đông"
        \(ids[1]),sms,yes,,,
        079155999999,sms,no,,,
        \(ids[2]),fax,no,,,
        \(ids[0]),sms,no,,,
        \(ids[2]),"=cmd|' /C calc'!A0",no,,,
        """.write(to: first, atomically: true, encoding: .utf8)
        let rejects = directory.appendingPathComponent("prefs.rejects.csv").path
        let summary = try await ContactPreferenceImporter(store: store).run(path: first.path, rejectsPath: rejects)
        #expect(summary.rows == 6)
        #expect(summary.applied == 2)
        #expect(summary.optedOut == 1)
        #expect(summary.rejected == 4)
        #expect(summary.rejectsPath == rejects)
        // Form errors are written as rows are read, "not on record" after the batch's lookup: sort by line.
        var rejected = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(rejected.count == 5)
        rejected = [rejected[0]] + rejected.dropFirst().sorted()
        #expect(rejected[1].hasPrefix("4,national_id,no beneficiary with this ID is on record"))
        #expect(rejected[2].hasPrefix("5,preferred_channel,"))
        #expect(rejected[3].hasPrefix("6,national_id,this national_id appears on an earlier line"))
        #expect(rejected[4].hasPrefix("7,preferred_channel,"))
        #expect(rejected[4].contains("'=cmd"), "a formula in an input cell reaches the rejects file escaped")

        var stored = try await store.contactPreferences(nationalIDs: ids)
        #expect(stored[ids[0]] == ContactPreference(nationalID: ids[0], preferredChannel: .letter, optedOut: false, email: "an@example.vn",
                                                     zaloAvailable: false, postalAddress: "Số 5, thôn Đông"))
        #expect(stored[ids[1]]?.optedOut == true)
        #expect(stored[ids[2]] == nil)

        // A commune's opt-out list: one column changes, the rest is kept.
        let second = directory.appendingPathComponent("optouts.csv")
        try "national_id,opted_out\n\(ids[0]),có\n".write(to: second, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let again = try await ContactPreferenceImporter(store: store).run(path: second.path, rejectsPath: rejects)
            #expect(again.applied == 1 && again.rejected == 0 && again.rejectsPath == nil)
        }
        #expect(!FileManager.default.fileExists(atPath: rejects), "a clean run leaves no stale rejects file")
        stored = try await store.contactPreferences(nationalIDs: ids)
        #expect(stored[ids[0]] == ContactPreference(nationalID: ids[0], preferredChannel: .letter, optedOut: true, email: "an@example.vn",
                                                     zaloAvailable: false, postalAddress: "Số 5, thôn Đông"))
    }

    @Test func anEmptyFileOrAMissingIDColumnIsAClearError() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-prefs-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try PensionDatabase(path: directory.appendingPathComponent("node.sqlite").path)
        let file = directory.appendingPathComponent("p.csv")
        try "email,opted_out\na@b.vn,yes\n".write(to: file, atomically: true, encoding: .utf8)
        await #expect(throws: ImportError.self) {
            try await ContactPreferenceImporter(store: store).run(path: file.path, rejectsPath: file.path + ".rejects")
        }
        try "".write(to: file, atomically: true, encoding: .utf8)
        await #expect(throws: ImportError.self) {
            try await ContactPreferenceImporter(store: store).run(path: file.path, rejectsPath: file.path + ".rejects")
        }
    }
}
