import Testing
@testable import PensionWorkers

@Suite struct TopologyTests {
    @Test func namesFollowTheNamespace() {
        let topology = Topology(namespace: "t1", retryDelays: [.milliseconds(500), .seconds(30)])
        #expect(topology.tasksExchange == "t1.tasks")
        #expect(topology.workQueue(.verify) == "t1.verify")
        #expect(topology.retryExchange(rung: 0) == "t1.retry.500ms")
        #expect(topology.retryExchange(rung: 1) == "t1.retry.30s")
        #expect(topology.allQueues == ["t1.verify", "t1.outreach", "t1.register", "t1.retry.500ms", "t1.retry.30s", "t1.dead"])
        #expect(Topology.routingKey(.verify, province: "79") == "verify.79")
        #expect(Topology().tasksExchange == "pensionpay.tasks")
        #expect(topology.publishExchange(.verify) == "t1.tasks.verify")
        #expect(topology.allExchanges == ["t1.tasks", "t1.tasks.verify", "t1.tasks.outreach", "t1.tasks.register", "t1.dead",
                                          "t1.retry.500ms", "t1.retry.30s"])
    }
}

@Suite struct RejectsWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("line\nbreak", "\"line\nbreak\""),
    ])
    func escapesQuotesAndFormulas(_ input: String, _ expected: String) {
        #expect(RejectsWriter.escape(input) == expected)
    }
}

@Suite struct RetryDelaysParsingTests {
    @Test func parsesUnitsAndRoundTripsThroughTheArgument() throws {
        #expect(try Topology.parseRetryDelays("5s,30s,5m") == [.seconds(5), .seconds(30), .seconds(300)])
        #expect(try Topology.parseRetryDelays(" 300ms , 2s,1h") == [.milliseconds(300), .seconds(2), .seconds(3600)])
        let topology = Topology(namespace: "n", retryDelays: [.milliseconds(300), .seconds(2)])
        #expect(topology.retryDelaysArgument == "300ms,2s")
        #expect(try Topology.parseRetryDelays(topology.retryDelaysArgument) == topology.retryDelays)
        #expect(topology.arguments == ["--namespace", "n", "--retry-delays", "300ms,2s"])
    }

    @Test(arguments: ["", "5s,", "5", "0s", "-5s", "5x", "30s,5s", "5s,5s", "2d", "25h"])
    func refusesWhatIsNotAnIncreasingLadder(_ text: String) {
        #expect(throws: TopologyError.self) { try Topology.parseRetryDelays(text) }
    }
}
