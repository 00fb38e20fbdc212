import PensionStore

/// Producers' writes tried again when the store answers "database is locked".
///
/// Workers redo a batch that failed to commit on their own; a producer such as the roster import
/// would otherwise stop half-way because another process (a worker's RESTART checkpoint, a long
/// commit) held the write lock past the busy timeout. The failed transaction wrote nothing.
enum LockedStoreRetry {
    /// Runs `body`, and again while it fails with a locked store, `attempts` times in all; any
    /// other error, or the last attempt's, is thrown.
    static func run<T>(attempts: Int = 6, _ body: () async throws -> T) async throws -> T {
        for _ in 1..<max(attempts, 1) {
            do {
                return try await body()
            } catch where PensionDatabase.isLocked(error) {
                continue
            }
        }
        return try await body()
    }
}
