import AMQP
import Foundation
import Synchronization

/// A one-line progress display on a terminal (nothing when output is redirected).
final class Progress: Sendable {
    private let label: String
    private let started = ContinuousClock.now
    private let lastDraw = Mutex(ContinuousClock.now - .seconds(1))
    private let enabled = Console.isInteractive

    init(_ label: String) { self.label = label }

    /// Redraws at most 5 times a second.
    func update(_ count: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let draw = lastDraw.withLock { last -> Bool in
            guard now - last >= .milliseconds(200) else { return false }
            last = now
            return true
        }
        guard draw else { return }
        let seconds = max((now - started).seconds, 0.001)
        FileHandle.standardError.write(Data("\r\(label): \(count) (\(Int(Double(count) / seconds))/s)   ".utf8))
    }

    /// Ends the line.
    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
