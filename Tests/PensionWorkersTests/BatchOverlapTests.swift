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
        try await WorkerFixture.with("overlap-failing") { fixture in
            try await fixture.publishRaw((0..<600).map { message($0, fixture) })
            // The batch holding probe-150 never commits. Taken after a few batches, when the prefetch
            // window (300) is full again, so the batch after it is ready and overlaps it.
            let probe = ProbeHandler(overlapping: true, failingOn: "probe-150")
            let worker = makeWorker(fixture, probe)
            let running = Task { try await worker.run() }
            defer { worker.stop() }
            try #require(await eventually(timeout: .seconds(30)) { probe.committedBesideFailing > 0 && probe.failures >= 3 },
                         "no batch committed beside the failing one")

            // While the failing batch has not committed, nothing of it may be acked, although the
            // batch behind it has committed (one `multiple` ack would cover both).
            worker.stop()
            try? await running.value
            let back = try await fixture.drain(fixture.topology.workQueue(.verify))
            let returned = Set(back.compactMap(\.properties.messageID))
            let failing = probe.failingBatchIDs
            let acked = failing.subtracting(returned)
            #expect(failing.contains("probe-150"))
            #expect(acked.count == 0, "\(acked.count) of \(failing.count) deliveries of the uncommitted batch were acked")
        }
    }

    // MARK: - Helpers

    private func run(overlapping: Bool, tasks: Int) async throws -> ProbeHandler {
        try await WorkerFixture.with("overlap") { fixture in
            try await fixture.publishRaw((0..<tasks).map { message($0, fixture) })
            let probe = ProbeHandler(overlapping: overlapping, failingOn: nil)
            let worker = makeWorker(fixture, probe)
            let running = Task { try await worker.run() }
            defer { worker.stop() }
            try #require(await eventually(timeout: .seconds(30)) { probe.handledCount >= tasks }, "not all \(tasks) tasks were handled")
            worker.stop()
            try await running.value
            // Stopped with everything acked: nothing comes back to the queue.
            #expect(try await fixture.messageCount(fixture.topology.workQueue(.verify)) == 0)
            return probe
        }
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
}

/// A handler that only counts: how many batches are inside it at once, which deliveries it
/// "committed", and (optionally) a batch whose commit always fails: the one holding `failingOn`.
final class ProbeHandler: TaskHandler {
    let kind = TaskKind.verify
    let overlapsBatches: Bool
    private let failingOn: String?

    private struct State {
        var active = 0
        var maxActive = 0
        var failingStarted = false
        var failures = 0
        var failingBatchIDs: Set<String> = []
        var committedBesideFailing = 0
        var handled: Set<String> = []
        var handledTwice: Set<String> = []
    }
    private let state = Mutex(State())

    init(overlapping: Bool, failingOn: String?) {
        self.overlapsBatches = overlapping
        self.failingOn = failingOn
    }

    var maxActive: Int { state.withLock { $0.maxActive } }
    var handledCount: Int { state.withLock { $0.handled.count } }
    var handledTwice: Set<String> { state.withLock { $0.handledTwice } }
    var failures: Int { state.withLock { $0.failures } }
    var failingBatchIDs: Set<String> { state.withLock { $0.failingBatchIDs } }
    /// Deliveries committed by batches that began while the failing batch was inside the handler.
    var committedBesideFailing: Int { state.withLock { $0.committedBesideFailing } }

    func process(_ deliveries: [AMQPDelivery], attempts: [Int]) async throws -> [TaskDisposition] {
        let ids = deliveries.compactMap(\.properties.messageID)
        let failing = failingOn.map(ids.contains) ?? false
        let beside = state.withLock { state -> Bool in
            state.active += 1
            state.maxActive = max(state.maxActive, state.active)
            if failing {
                state.failingStarted = true
                state.failingBatchIDs = Set(ids)
            }
            return !failing && state.failingStarted
        }
        defer { state.withLock { $0.active -= 1 } }
        // Long enough for the runtime to take the next batch meanwhile.
        try await Task.sleep(for: .milliseconds(30))
        if failing {
            state.withLock { $0.failures += 1 }
            throw ProbeFailure()
        }
        state.withLock { state in
            for id in ids where !state.handled.insert(id).inserted { state.handledTwice.insert(id) }
            if beside { state.committedBesideFailing += ids.count }
        }
        return Array(repeating: .completed, count: deliveries.count)
    }

    struct ProbeFailure: Error {}
}
