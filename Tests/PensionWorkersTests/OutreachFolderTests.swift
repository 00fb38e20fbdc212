import Foundation
import Testing
@testable import PensionWorkers

@Suite struct OutreachFolderTests {
    @Test func writesAtomicallyPrivatelyAndReplacesTheSameNotice() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-folder-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = OutreachFolder(root: root)
        let url = folder.letterURL(period: "2026-11", provinceCode: "79", communeCode: "26734", noticeID: "notice-ab12")
        #expect(try folder.write("thư lần 1", to: url) == "2026-11/letters/79/26734/notice-ab12.txt")
        #expect(try folder.write("thư lần 2", to: url) == "2026-11/letters/79/26734/notice-ab12.txt")
        #expect(try String(contentsOf: url, encoding: .utf8) == "thư lần 2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == ["notice-ab12.txt"])
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int == 0o600)
        let list = folder.homeVisitURL(period: "2026-11", provinceCode: "79", communeCode: nil, ext: "csv")
        #expect(list.path.hasSuffix("2026-11/home-visits/79/unknown-commune.csv"))
    }

    @Test func anUnwritableFolderIsAnErrorNotALostLetter() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pensionpay-folder-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        // A file where the period folder should be: nothing can be created under it.
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("2026-11"))
        let folder = OutreachFolder(root: root)
        #expect(throws: OutreachFolderError.self) {
            try folder.write("thư", to: folder.letterURL(period: "2026-11", provinceCode: "79", communeCode: "26734", noticeID: "notice-1"))
        }
    }
}
