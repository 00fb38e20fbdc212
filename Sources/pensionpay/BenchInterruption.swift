import Foundation

/// Passes an interruption of the bench on to its worker processes.
///
/// Why: the workers are separate processes consuming the bench's queue. A bench stopped with Ctrl-C
/// used to leave them running as orphans, still consuming (one was found hours later). On SIGINT or
/// SIGTERM this sends them SIGTERM (they finish their batch and exit by themselves) and exits.
final class BenchInterruption {
    private let sources: [any DispatchSourceSignal]

    init(children: [Int32]) {
        sources = [SIGINT, SIGTERM].map { number in
            // The default action would end the bench before the handler runs.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                for child in children { kill(child, SIGTERM) }
                FileHandle.standardError.write(Data("bench interrupted: asked its \(children.count) worker process(es) to stop\n".utf8))
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Stops forwarding and restores the default actions (the workers are being stopped anyway).
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
