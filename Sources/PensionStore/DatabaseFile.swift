#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// Creates SQLite files that are owner-only and already in WAL mode before anyone else can open them.
///
/// - Mode 0600: SQLite would create a new file 0644 (minus umask), and it gives the `-wal` and `-shm`
///   files the mode of the main file, so creating the main file 0600 protects all three.
/// - WAL from birth: switching a file to WAL needs an exclusive lock, and SQLite reports SQLITE_BUSY
///   at once (no busy handler) when several new openers try it together. A file that is WAL already
///   needs no switch.
enum DatabaseFile {
    /// Creates an empty WAL database at `path` with mode 0600 unless something already exists there.
    ///
    /// Why the detour through a temporary name and `link(2)`: SQLite uses POSIX advisory locks, and
    /// closing *any* descriptor of a file drops *all* the process's locks on it. Another connection
    /// of this process may open `path` as soon as it exists, so nothing of ours holds a descriptor on
    /// the final inode once it is visible: we prepare and close a private file, then link it into
    /// place atomically (EEXIST means another opener won the race, which is fine).
    static func createIfMissing(path: String) throws {
        if FileManager.default.fileExists(atPath: path) { return }
        let temporary = path + ".creating-\(UUID().uuidString)"
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) }
        }
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(.fileCreation, "cannot create database file (errno \(errno))")
        }
        // umask can only remove bits, but be explicit: the file must be exactly owner read/write.
        let chmodResult = fchmod(fd, 0o600)
        let chmodErrno = errno
        close(fd)
        guard chmodResult == 0 else {
            throw StoreError(.fileCreation, "cannot set database file mode (errno \(chmodErrno))")
        }
        try makeWAL(temporary)
        if link(temporary, path) != 0, errno != EEXIST {
            throw StoreError(.fileCreation, "cannot link database file into place (errno \(errno))")
        }
    }

    /// Writes the WAL journal mode into the file header (it persists only once a page is written).
    private static func makeWAL(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else {
                throw StoreError(.fileCreation, "cannot put the new database file in WAL mode")
            }
            try db.execute(sql: "CREATE TABLE pensionpay_init (id INTEGER); DROP TABLE pensionpay_init;")
        }
        // Closing checkpoints the WAL back into the file and removes the temporary -wal and -shm.
        try queue.close()
    }
}
