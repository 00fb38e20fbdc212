import AMQP
import Logging
import PensionWorkers

extension GlobalOptions {
    /// The publisher of a producer command: it rides out a lost broker node by reconnecting
    /// through the URL list and publishing the unconfirmed batches again. It first checks that the
    /// exchange for `kind` exists, so a topology declared by an older version stops the run before
    /// it reads its input.
    func producerPublisher(name: String, publishing kind: TaskKind, topology: Topology, logger: Logger) async throws -> ReconnectingPublisher {
        let publisher = try await ReconnectingPublisher.connect(try resolvedAMQPURL(), name: name, logger: logger)
        if let connection = await publisher.connectionInUse {
            do {
                try await topology.verifyPublishing(kind, on: connection)
            } catch {
                await publisher.close()
                throw error
            }
        }
        return publisher
    }
}

extension ReconnectingPublisher {
    /// Closes the connection and tells the operator, on stderr, if the run had to reconnect.
    func finish() async {
        let stats = statistics
        await close()
        if stats.reconnects > 0 {
            Console.error("note: the broker connection was lost and made again \(stats.reconnects) time(s); "
                          + "\(stats.republished) unconfirmed tasks were published again (workers do each task once)")
        }
    }
}
