import Foundation
import Synchronization

/// The bound port of a server that is starting: callers wait for it, the server reports it.
/// Shared by the simulators so a test can start one on port 0 and learn where it listens.
final class ListeningPort: Sendable {
    private struct State {
        var port: Int?
        var ended = false
        var waiters: [UUID: CheckedContinuation<Int, any Error>] = [:]
    }

    private let state = Mutex(State())
    private let notListening: @Sendable () -> any Error

    /// `notListening` makes the error waiters get when the server ends without a port.
    init(notListening: @escaping @Sendable () -> any Error) {
        self.notListening = notListening
    }

    /// The port, waiting until the server listens; throws if it ended first or the caller is cancelled.
    func wait() async throws -> Int {
        let id = UUID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
                let immediate: Result<Int, any Error>? = state.withLock { state in
                    if let port = state.port { return .success(port) }
                    if state.ended { return .failure(notListening()) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// The server is bound (to `port`, or failed to tell: nil).
    func markListening(_ port: Int?) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            state.port = port
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters {
            if let port { waiter.resume(returning: port) } else { waiter.resume(throwing: notListening()) }
        }
    }

    /// The server stopped.
    func markEnded() {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            state.ended = true
            state.port = nil
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(throwing: notListening()) }
    }
}
