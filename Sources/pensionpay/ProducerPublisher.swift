import AMQP
import Logging

extension GlobalOptions {
    /// The publisher of a producer command: it rides out a lost broker node by reconnecting
    /// through the URL list and publishing the unconfirmed batches again.
    func producerPublisher(name: String, logger: Logger) async throws -> ReconnectingPublisher {
        try await ReconnectingPublisher.connect(try resolvedAMQPURL(), name: name, logger: logger)
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
