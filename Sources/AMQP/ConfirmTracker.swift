/// Bookkeeping for publisher confirms on one channel.
///
/// Sequence numbers start at 1 per channel and grow by one per publish, so pending entries are
/// kept contiguous from `baseSeq`; acks (single or `multiple`) settle from there. A batch
/// completes when all its messages are settled, failing if any was nacked or returned.
struct ConfirmTracker {
    private struct Entry {
        var batch: Int
        var messageID: String?
        var failure: AMQPError?
        var settled = false
    }

    private final class Batch {
        var remaining: Int
        var firstFailure: AMQPError?
        var failures = 0
        let completion: @Sendable (Result<Void, AMQPError>) -> Void
        init(remaining: Int, completion: @escaping @Sendable (Result<Void, AMQPError>) -> Void) {
            self.remaining = remaining
            self.completion = completion
        }
    }

    private var baseSeq: UInt64 = 1
    private var entries: [Entry] = []
    private var head = 0
    private var batches: [Int: Batch] = [:]
    private var nextBatch = 0

    /// Starts a batch of `count` messages; returns its handle.
    mutating func beginBatch(count: Int, completion: @escaping @Sendable (Result<Void, AMQPError>) -> Void) -> Int {
        nextBatch += 1
        if count == 0 {
            completion(.success(()))
        } else {
            batches[nextBatch] = Batch(remaining: count, completion: completion)
        }
        return nextBatch
    }

    /// Records that the next sequence number belongs to `batch`.
    mutating func track(batch: Int, messageID: String?) {
        entries.append(Entry(batch: batch, messageID: messageID))
    }

    /// Notes a basic.return: the ack that follows settles that message as failed.
    mutating func markReturned(messageID: String?, error: AMQPError) {
        for i in head..<entries.count where !entries[i].settled && entries[i].failure == nil {
            if messageID == nil || entries[i].messageID == messageID {
                entries[i].failure = error
                return
            }
        }
    }

    /// Settles one sequence number, or all up to it with `multiple`.
    mutating func settle(upTo tag: UInt64, multiple: Bool, failure: AMQPError?) {
        guard tag >= baseSeq else { return }
        let last = Int(tag - baseSeq)
        guard last < entries.count else { return }
        let first = multiple ? head : last
        guard first <= last else { return }
        for i in first...last where !entries[i].settled {
            entries[i].settled = true
            finish(entries[i], extraFailure: failure)
        }
        while head < entries.count, entries[head].settled { head += 1 }
        if head > 4096, head * 2 > entries.count {
            entries.removeFirst(head)
            baseSeq += UInt64(head)
            head = 0
        }
    }

    private mutating func finish(_ entry: Entry, extraFailure: AMQPError?) {
        guard let batch = batches[entry.batch] else { return }
        if let failure = entry.failure ?? extraFailure {
            batch.failures += 1
            if batch.firstFailure == nil { batch.firstFailure = failure }
        }
        batch.remaining -= 1
        if batch.remaining == 0 {
            batches.removeValue(forKey: entry.batch)
            if var failure = batch.firstFailure {
                failure.message = "\(batch.failures) message(s) not accepted; first: \(failure.message)"
                batch.completion(.failure(failure))
            } else {
                batch.completion(.success(()))
            }
        }
    }

    /// Fails every unfinished batch (connection or channel lost: their fate is unknown).
    mutating func failAll(_ error: AMQPError) {
        for (_, batch) in batches { batch.completion(.failure(error)) }
        batches.removeAll()
        entries.removeAll()
        head = 0
    }
}
