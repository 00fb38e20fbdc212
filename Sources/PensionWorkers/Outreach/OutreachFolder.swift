import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outreach output folder: printed letters and home-visit lists, one folder per period.
///
/// ```
/// ROOT/2026-11/letters/79/26734/notice-….txt      one letter per file, named by its notice id
/// ROOT/2026-11/home-visits/79/26734.csv|.html     one list per commune
/// ```
/// Every file is written to a temporary name, flushed to disk and renamed, so a reader (or a print
/// room's pick-up job) never sees half a file, and writing the same notice again replaces it with the
/// same content instead of adding a second letter. Files are created `0600`: they hold names and addresses.
public struct OutreachFolder: Sendable {
    /// The root folder.
    public let root: URL

    /// Creates the folder description; nothing is created until the first write.
    public init(root: URL) { self.root = root }

    /// Where a letter goes. Path components are the validated codes and the notice id (hex), never a name.
    public func letterURL(period: String, provinceCode: String, communeCode: String?, noticeID: String) -> URL {
        root.appendingPathComponent(period).appendingPathComponent("letters").appendingPathComponent(provinceCode)
            .appendingPathComponent(communeCode ?? "unknown-commune").appendingPathComponent("\(noticeID).txt")
    }

    /// Where a commune's home-visit list goes (`ext` is `csv` or `html`).
    public func homeVisitURL(period: String, provinceCode: String, communeCode: String?, ext: String) -> URL {
        root.appendingPathComponent(period).appendingPathComponent("home-visits").appendingPathComponent(provinceCode)
            .appendingPathComponent("\(communeCode ?? "unknown-commune").\(ext)")
    }

    /// Writes `text` to `url` durably and atomically; returns the path relative to the root.
    @discardableResult
    public func write(_ text: String, to url: URL) throws -> String {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw OutreachFolderError("cannot create the folder \(directory.path): \(error.localizedDescription)")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw OutreachFolderError("cannot create a file in \(directory.path)")
        }
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw OutreachFolderError("cannot write \(url.lastPathComponent) in \(directory.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutreachFolderError("cannot move \(url.lastPathComponent) into \(directory.path): \(reason)")
        }
        // The rename itself must survive a power cut before the notice is recorded as sent.
        let descriptor = open(directory.path, O_RDONLY)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            close(descriptor)
        }
        return String(url.path.dropFirst(root.path.count).drop { $0 == "/" })
    }
}

/// The outreach folder could not be written (disk full, permissions): the notice is retried later.
public struct OutreachFolderError: Error, CustomStringConvertible, Sendable {
    /// What failed, without personal data.
    public let description: String
    init(_ description: String) { self.description = description }
}
