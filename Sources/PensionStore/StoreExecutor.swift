import Dispatch

/// Runs GRDB's blocking calls on a dispatch queue outside Swift's cooperative pool, so an
/// fsync or a busy wait on the shared file never stalls unrelated tasks. GRDB's pool still
/// serialises writers and lets readers run concurrently.
enum StoreExecutor {
    private static let queue = DispatchQueue(label: "pensionpay.store", qos: .userInitiated, attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
