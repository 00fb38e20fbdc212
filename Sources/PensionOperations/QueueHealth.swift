import AMQP
import PensionWorkers

/// Ready counts and consumers of every PensionPay queue, by passive declaration (works with any
/// broker permissions that allow reading the queues; needs no management plugin).
public enum QueueHealth {
    /// One line per work, retry and parking queue; a missing queue is reported, not thrown.
    public static func collect(on connection: AMQPConnection, topology: Topology) async throws -> [ProgressSnapshot.Queue] {
        let roles = TaskKind.allCases.map { (topology.workQueue($0), "work") }
            + topology.retryDelays.indices.map { (topology.retryExchange(rung: $0), "retry") } + [(topology.deadQueue, "parked")]
        var queues: [ProgressSnapshot.Queue] = []
        for (name, role) in roles {
            do {
                let info = try await connection.inspectQueue(name)
                queues.append(.init(name: name, role: role, ready: info.messageCount, consumers: info.consumerCount))
            } catch let error as AMQPError where !error.isConnectionLevel {
                queues.append(.init(name: name, role: role, error: error.replyCode == 404 ? "missing: run topology declare" : error.message))
            }
        }
        return queues
    }
}
