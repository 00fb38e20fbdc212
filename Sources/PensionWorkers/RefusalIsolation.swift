import Logging
import PensionStore

/// Records a batch in one transaction through `record`. If SQLite refuses part of it (a
/// constraint, which no retry cures), records each item on its own and parks the refused ones with
/// SQLite's reason, which names the rule and no values: one bad outcome must neither hold its batch
/// in the store-retry loop for ever nor take the good ones with it. Refused items have no result.
///
/// - Parameter deliveries: for each item, the index of its delivery in `dispositions`.
func recordIsolatingRefusals<Item, Result>(
    _ items: [Item], deliveries: [Int], dispositions: inout [TaskDisposition], logger: Logger,
    record: ([Item]) async throws -> [Result]
) async throws -> [Result?] {
    do {
        return try await record(items)
    } catch {
        guard let reason = PensionDatabase.refusal(error) else { throw error }
        logger.error("the store refused part of a batch; recording it one by one", metadata: [
            "batch.size": "\(items.count)", "store.refusal": "\(reason)",
        ])
    }
    var results: [Result?] = []
    results.reserveCapacity(items.count)
    for (position, item) in items.enumerated() {
        do {
            results.append(try await record([item]).first)
        } catch {
            guard let reason = PensionDatabase.refusal(error) else { throw error }
            dispositions[deliveries[position]] = .park(reason: "the store refused the outcome: \(reason)")
            results.append(nil)
        }
    }
    return results
}
