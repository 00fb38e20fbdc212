import Foundation
import Testing

/// A worker process caps glibc at two malloc arenas (`MallocArenas`). glibc gives each new thread
/// an arena of its own until a cap is set, and the cap does not take back arenas made before it,
/// so it only holds if set before the worker's threads first allocate. Set after the store was
/// opened (as until sitting 14), how many arenas a worker got depended on timing: both workers of
/// a 3.4 M national run had three, and peaked at 67.8 / 67.3 MiB (27.6 / 27.7 anonymous), against
/// 64.5 / 64.9 (23.8 / 24.4) with two. This test counts the arenas of a worker process after real
/// work. It fails without the cap (11 arenas); with the late cap it mostly passed, as timing allowed.
@Suite struct WorkerMallocArenaTests {
    @Test func aVerifyWorkerRunsOnTwoMallocArenas() async throws {
        let heaps = try await inspectWorkerAfterRealWork("arenas") { try mallocArenaHeaps(of: $0) }
        // The main arena lives in [heap]; every other arena has a heap of its own. Zero would mean
        // every thread shared the main arena, which the cap does not do (the first thread has one).
        #expect(heaps.count == 1, "malloc arena heaps besides the main arena: \(heaps)")
    }

    @Test func arenaHeapsAreToldApartFromStacksAndFiles() {
        let maps = """
        55e0b03ec000-55e0b04a4000 rw-p 00000000 00:00 0                          [heap]
        7f969c000000-7f969c772000 rw-p 00000000 00:00 0
        7f969c772000-7f96a0000000 ---p 00000000 00:00 0
        7f96a07f9000-7f96a07fa000 ---p 00000000 00:00 0
        7f96a07fa000-7f96a0ffa000 rw-p 00000000 00:00 0
        7f96a4000000-7f96a8000000 rw-p 00000000 00:00 0
        7f96ac000000-7f96ac021000 rw-p 00000000 00:00 0
        7f96ac021000-7f96b0000000 ---p 00000000 00:00 0 
        7f96b4000000-7f96b4100000 rw-p 00000000 00:00 0
        7f96b8000000-7f96b8100000 r--p 00000000 fe:00 16228372                   /usr/lib/x86_64-linux-gnu/libc.so.6
        """
        // A heap grown to its whole 64 MiB has no reserved tail; a 1 MiB mapping at an aligned
        // address with nothing reserved behind it is not a heap, and neither is a file mapping.
        #expect(mallocArenaHeaps(inMaps: maps) == ["7f969c000000", "7f96a4000000", "7f96ac000000"])
    }
}

/// The start addresses of glibc's non-main arena heaps in a process: each is an anonymous mapping
/// at a 64 MiB boundary, read-write at the front and reserved (`---p`) for the rest of its 64 MiB
/// (HEAP_MAX_SIZE on 64-bit, `new_heap` in glibc's arena.c).
func mallocArenaHeaps(of pid: Int32) throws -> [String] {
    guard let handle = FileHandle(forReadingAtPath: "/proc/\(pid)/maps"), let data = try handle.readToEnd() else {
        throw TestSetupError("cannot read /proc/\(pid)/maps")
    }
    return mallocArenaHeaps(inMaps: String(decoding: data, as: UTF8.self))
}

func mallocArenaHeaps(inMaps maps: String) -> [String] {
    let heapSpan: UInt64 = 64 << 20
    struct Mapping { let start: UInt64, end: UInt64, permissions: Substring, anonymous: Bool }
    let mappings: [Mapping] = maps.split(separator: "\n").compactMap { line in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 5 else { return nil }
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let start = UInt64(range[0], radix: 16), let end = UInt64(range[1], radix: 16) else { return nil }
        return Mapping(start: start, end: end, permissions: fields[1], anonymous: fields.count == 5 && fields[4] == "0")
    }
    var heaps: [String] = []
    for (index, mapping) in mappings.enumerated()
    where mapping.anonymous && mapping.permissions == "rw-p" && mapping.start % heapSpan == 0 {
        var end = mapping.end
        if index + 1 < mappings.count, mappings[index + 1].anonymous, mappings[index + 1].permissions == "---p",
           mappings[index + 1].start == end {
            end = mappings[index + 1].end
        }
        if end - mapping.start == heapSpan { heaps.append(String(mapping.start, radix: 16)) }
    }
    return heaps
}
