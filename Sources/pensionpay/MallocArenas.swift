#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// glibc's malloc arenas for the worker processes.
enum MallocArenas {
    /// Caps glibc at two malloc arenas unless the operator set `MALLOC_ARENA_MAX` (or the
    /// `glibc.malloc.arena_max` tunable) themselves.
    ///
    /// Why: glibc gives a thread that meets contention an arena of its own, up to 8 per core, and
    /// pages freed in one arena are not reused by another. A verify worker whose batches overlap
    /// (one committing on a store thread while the next is decoded on another) measured 67 MiB peak
    /// RSS at 10⁵ queued tasks with the default and 62.5 MiB with two arenas, at the same
    /// throughput (`bench verify`, sitting 5).
    ///
    /// Called from main.swift, on the main thread before any other thread exists: glibc gives every
    /// new thread an arena of its own until a cap is set, and keeps the arenas made before it.
    /// Called once the worker had opened its store (until sitting 14), or even first thing in its
    /// `run()`, it left a verify worker with two or three arenas besides the main one, as timing
    /// allowed (`WorkerMallocArenaTests`).
    static func limit() {
        #if canImport(Glibc)
        let environment = ProcessInfo.processInfo.environment
        guard environment["MALLOC_ARENA_MAX"] == nil,
              !(environment["GLIBC_TUNABLES"] ?? "").contains("arena_max") else { return }
        // Swift's Glibc module does not export <malloc.h>: look `mallopt` up by name.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let arenaMax: Int32 = -8   // M_ARENA_MAX in glibc's <malloc.h>
        _ = mallopt(arenaMax, 2)
        #endif
    }
}
