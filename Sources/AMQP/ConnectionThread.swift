import CRabbitMQ
import Foundation
import Synchronization

/// The one OS thread that owns a librabbitmq connection.
///
/// Callers hand it commands through a locked inbox and wake it through an `eventfd`; between
/// commands it `poll()`s the socket and the eventfd, reads deliveries and confirms, and services
/// heartbeats (which librabbitmq only does inside its own calls). Blocking C calls therefore
/// never run on Swift's cooperative pool, and the connection is never touched by two threads.
final class ConnectionThread: Sendable {
    typealias Command = @Sendable (ConnectionCore) -> Void

    private struct Inbox {
        var commands: [Command] = []
        var closed = false
    }

    private let inbox = Mutex(Inbox())
    private let wakeFD: Int32

    init() {
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
    }

    deinit {
        close(wakeFD)
    }

    /// Starts the thread; `makeCore` connects on it, and `started` reports the outcome.
    func start(name: String, makeCore: @escaping @Sendable () throws -> ConnectionCore,
               started: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        let thread = Thread { [self] in
            self.run(makeCore: makeCore, started: started)
        }
        thread.name = name
        thread.start()
    }

    /// Queues a command; false once the connection is gone (the command will never run).
    func enqueue(_ command: @escaping Command) -> Bool {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.closed else { return false }
            inbox.commands.append(command)
            return true
        }
        if accepted {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
        return accepted
    }

    private func run(makeCore: () throws -> ConnectionCore, started: @Sendable (Result<Void, any Error>) -> Void) {
        let core: ConnectionCore
        do {
            core = try makeCore()
        } catch {
            inbox.withLock { $0.closed = true }
            started(.failure(error))
            return
        }
        started(.success(()))
        while core.failure == nil {
            let commands = inbox.withLock { inbox -> [Command] in
                let commands = inbox.commands
                inbox.commands.removeAll(keepingCapacity: true)
                return commands
            }
            for command in commands { command(core) }
            core.pump(maxFrames: 256)
            if core.failure != nil { break }
            if core.hasBufferedInput || inbox.withLock({ !$0.commands.isEmpty }) { continue }
            var fds = [pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: core.socketFD, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 2, core.pollTimeoutMilliseconds)
            if fds[0].revents != 0 {
                var value: UInt64 = 0
                _ = read(wakeFD, &value, 8)
            }
        }
        // Refuse new commands; the ones already queued run against the dead core and fail cleanly.
        let leftovers = inbox.withLock { inbox -> [Command] in
            inbox.closed = true
            let commands = inbox.commands
            inbox.commands.removeAll()
            return commands
        }
        for command in leftovers { command(core) }
    }
}
