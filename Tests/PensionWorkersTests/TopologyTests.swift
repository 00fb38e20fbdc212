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
