import AMQP
import Foundation
import Synchronization
import Testing
@testable import PensionWorkers

/// The runtime's overlap of batches (`TaskHandler.overlapsBatches`): at most two batches in the
/// handler at once, every delivery handled once, and no ack before the batch's own commit, even
/// when the batch after it commits first.
@Suite struct BatchOverlapTests {
    @Test func anOverlappingHandlerGetsTwoBatchesAtOnceAndEveryTaskOnce() async throws {
        let probe = try await run(overlapping: true, tasks: 2_000)
        #expect(probe.maxActive == 2)
        #expect(probe.handledCount == 2_000)
        #expect(probe.handledTwice.count == 0)
    }

    @Test func anyOtherHandlerGetsOneBatchAtATime() async throws {
        let probe = try await run(overlapping: false, tasks: 600)
        #expect(probe.maxActive == 1)
        #expect(probe.handledCount == 600)
        #expect(probe.handledTwice.count == 0)
    }

    @Test func aBatchThatCannotCommitIsNotAckedEvenWhenTheNextOneCommits() async throws {
        let fixture = try await WorkerFixture("overlap-failing")
        defer { Task { await fixture.cleanUp() } }
        try await fixture.publishRaw((0..<300).map { message($0, fixture) })
        // The first batch never commits; the ones after it do, while it keeps failing.
        let probe = ProbeHandler(overlapping: true, failingBatch: 0)
        let worker = makeWorker(fixture, probe)
        let running = Task { try await worker.run() }
        try await waitUntil("the batches after the failing one are committed") { probe.handledCount >= 100 && probe.failures >= 3 }

        // While the first batch has not committed, nothing may be acked: not it, and not the
        // committed batch behind it (one `multiple` ack would cover both).
        worker.stop()
        try? await running.value
        let back = try await fixture.drain(fixture.topology.workQueue(.verify))
        let returned = Set(back.compactMap(\.properties.messageID))
        let firstBatch = probe.firstBatchIDs
        #expect(!firstBatch.isEmpty)
        let acked = firstBatch.subtracting(returned)
        #expect(acked.isEmpty, "\(acked.count) of \(firstBatch.count) deliveries of the uncommitted batch were acked")
    }

    // MARK: - Helpers

    private func run(overlapping: Bool, tasks: Int) async throws -> ProbeHandler {
        let fixture = try await WorkerFixture("overlap")
        defer { Task { await fixture.cleanUp() } }
        try await fixture.publishRaw((0..<tasks).map { message($0, fixture) })
        let probe = ProbeHandler(overlapping: overlapping, failingBatch: nil)
        let worker = makeWorker(fixture, probe)
        let running = Task { try await worker.run() }
        try await waitUntil("all \(tasks) tasks handled") { probe.handledCount >= tasks }
        worker.stop()
        try await running.value
        // Stopped with everything acked: nothing comes back to the queue.
        #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0)
        return probe
    }

    private func message(_ number: Int, _ fixture: WorkerFixture) -> AMQPOutgoingMessage {
        var properties = AMQPProperties()
        properties.messageID = "probe-\(number)"
        properties.persistent = true
        return AMQPOutgoingMessage(exchange: fixture.topology.tasksExchange, routingKey: Topology.routingKey(.verify, province: "79"),
                                   body: Array("{}".utf8), properties: properties)
    }

    private func makeWorker(_ fixture: WorkerFixture, _ probe: ProbeHandler) -> TaskWorker<ProbeHandler> {
        // Prefetch three batches, as the verify worker's defaults do, so the next batch is ready
        // while one commits.
        var options = WorkerOptions(name: "\(fixture.topology.namespace) probe", prefetch: 300, maxBatch: 100, topology: fixture.topology)
        options.storeRetry = AMQPReconnectPolicy(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(40))
        return TaskWorker(url: fixture.url, handler: probe, options: options, logger: fixture.logger)
    }

    private func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for \(what)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A handler that only counts: how many batches are inside it at once, which deliveries it
/// "committed", and (optionally) a batch whose commit always fails.
final class ProbeHandler: TaskHandler {
    let kind = TaskKind.verify
    let overlapsBatches: Bool
    private let failingBatch: Int?

    private struct State {
        var active = 0
        var maxActive = 0
        var batches = 0
        var failures = 0
        var firstBatchIDs: Set<String> = []
        var handled: Set<String> = []
        var handledTwice: Set<String> = []
    }
    private let state = Mutex(State())

    init(overlapping: Bool, failingBatch: Int?) {
        self.overlapsBatches = overlapping
        self.failingBatch = failingBatch
    }

    var maxActive: Int { state.withLock { $0.maxActive } }
    var handledCount: Int { state.withLock { $0.handled.count } }
    var handledTwice: Set<String> { state.withLock { $0.handledTwice } }
    var failures: Int { state.withLock { $0.failures } }
    var firstBatchIDs: Set<String> { state.withLock { $0.firstBatchIDs } }

    func process(_ deliveries: [AMQPDelivery], attempts: [Int]) async throws -> [TaskDisposition] {
        let ids = deliveries.compactMap(\.properties.messageID)
        let number = state.withLock { state -> Int? in
            state.active += 1
            state.maxActive = max(state.maxActive, state.active)
            if state.firstBatchIDs.isEmpty { state.firstBatchIDs = Set(ids) }
            if state.firstBatchIDs == Set(ids) { return 0 }
            state.batches += 1
            return state.batches
        }
        defer { state.withLock { $0.active -= 1 } }
        // Long enough for the runtime to take the next batch meanwhile.
        try await Task.sleep(for: .milliseconds(30))
        if let failingBatch, number == failingBatch {
            state.withLock { $0.failures += 1 }
            throw ProbeFailure()
        }
        state.withLock { state in
            for id in ids where !state.handled.insert(id).inserted { state.handledTwice.insert(id) }
        }
        return Array(repeating: .completed, count: deliveries.count)
    }

    struct ProbeFailure: Error {}
}
