import Foundation
import Synchronization

/// One or more brokers of the same cluster (or one broker), tried in turn when connecting.
///
/// Parsed from one URI or a comma-separated list of them:
/// `amqp://u:p@10.0.0.1:5672/%2F,amqp://u:p@10.0.0.2:5672/%2F,amqp://u:p@10.0.0.3:5672/%2F`.
/// A new entry starts wherever a comma is followed by `amqp://` or `amqps://`, so a comma inside
/// a password or a file path stays part of its URI. Each entry is a full URI of its own (TLS
/// files, heartbeat, vhost …), parsed by `AMQPURL`.
///
/// Every connect starts at the next host of a rotation (from a random place per process, so
/// a fleet spreads over the nodes) and skips to the following ones when a host cannot be
/// reached; hosts that just failed are tried last. A reconnect after a node dies therefore
/// lands on another node without waiting for the dead one. Copies share the rotation.
public struct AMQPEndpoints: Sendable, Equatable, CustomStringConvertible {
    /// The brokers, in the order given.
    public let urls: [AMQPURL]
    private let rotation: Rotation

    /// Parses one URI or a comma-separated list; throws `AMQPError(.invalidURL)` naming the bad entry.
    public init(_ string: String) throws {
        let entries = Self.split(string)
        guard !entries.isEmpty else { throw AMQPError(.invalidURL, "no broker URI given") }
        var urls: [AMQPURL] = []
        for (index, entry) in entries.enumerated() {
            do {
                urls.append(try AMQPURL(entry))
            } catch let error as AMQPError where entries.count > 1 {
                throw AMQPError(.invalidURL, "broker URI \(index + 1) of \(entries.count): \(error.message)")
            }
        }
        self.init(urls)
    }

    /// A list of parsed URIs. `start` fixes where the rotation begins (tests); by default a
    /// random host, so that processes started together do not all pick the first node.
    public init(_ urls: [AMQPURL], start: Int? = nil) {
        precondition(!urls.isEmpty, "AMQPEndpoints needs at least one URL")
        self.urls = urls
        rotation = Rotation(next: start ?? Int.random(in: 0..<urls.count))
    }

    /// A single broker.
    public init(_ url: AMQPURL) {
        self.init([url], start: 0)
    }

    /// The first URI: for what is the same on every node of a cluster (user, password, vhost).
    public var primary: AMQPURL { urls[0] }

    /// The list as given (it holds passwords: pass it on to child processes, never print it).
    public var rawValue: String { urls.map(\.rawValue).joined(separator: ",") }

    /// The URIs with passwords masked, comma-separated: safe for logs.
    public var description: String { urls.map(\.description).joined(separator: ",") }

    /// Equal when they name the same brokers in the same order (the rotation is not compared).
    public static func == (lhs: AMQPEndpoints, rhs: AMQPEndpoints) -> Bool { lhs.urls == rhs.urls }

    /// The order in which the next connect tries the hosts; advances the rotation by one.
    public func nextAttemptOrder() -> [AMQPURL] {
        let (start, failing) = rotation.state.withLock { state -> (Int, Set<Int>) in
            defer { state.next = (state.next + 1) % urls.count }
            return (state.next, state.failing)
        }
        return Self.attemptOrder(count: urls.count, start: start, failing: failing).map { urls[$0] }
    }

    /// Remembers that a host could not be reached (it goes to the back of later attempts) or
    /// that it could again.
    func record(_ url: AMQPURL, reachable: Bool) {
        guard let index = urls.firstIndex(of: url) else { return }
        rotation.state.withLock { state in
            if reachable { state.failing.remove(index) } else { state.failing.insert(index) }
        }
    }

    /// Host indices from `start` round the list, the ones in `failing` moved to the end (in
    /// their rotation order): a pure function so the rotation is testable without a broker.
    public static func attemptOrder(count: Int, start: Int, failing: Set<Int>) -> [Int] {
        guard count > 0 else { return [] }
        let rotated = (0..<count).map { (start + $0) % count }
        return rotated.filter { !failing.contains($0) } + rotated.filter { failing.contains($0) }
    }

    /// Cuts a list at every comma that begins another `amqp://` or `amqps://` URI (or ends the
    /// list, or precedes another comma); trims blanks and drops empty entries.
    static func split(_ string: String) -> [String] {
        var entries: [String] = []
        var current = ""
        var rest = Substring(string)
        while let comma = rest.firstIndex(of: ",") {
            let after = rest[rest.index(after: comma)...]
            let next = after.drop(while: \.isWhitespace).lowercased()
            current += rest[..<comma]
            if next.isEmpty || next.hasPrefix(",") || next.hasPrefix("amqp://") || next.hasPrefix("amqps://") {
                entries.append(current)
                current = ""
            } else {
                current += ","
            }
            rest = after
        }
        entries.append(current + rest)
        return entries.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Shared by every copy, so a worker's connections (and its reconnects) walk one rotation.
    private final class Rotation: Sendable {
        struct State {
            var next: Int
            var failing: Set<Int> = []
        }

        let state: Mutex<State>

        init(next: Int) { state = Mutex(State(next: next)) }
    }
}
