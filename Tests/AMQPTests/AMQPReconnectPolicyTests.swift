import Testing
import AMQP

@Suite struct AMQPReconnectPolicyTests {
    @Test func growsAndCaps() {
        let policy = AMQPReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(2), multiplier: 2)
        #expect(policy.ceiling(afterFailures: 1) == .milliseconds(100))
        #expect(policy.ceiling(afterFailures: 2) == .milliseconds(200))
        #expect(policy.ceiling(afterFailures: 4) == .milliseconds(800))
        #expect(policy.ceiling(afterFailures: 10) == .seconds(2))
    }

    @Test(arguments: [0.0, 0.5, 0.999])
    func jitterStaysInTheUpperHalf(_ random: Double) {
        let policy = AMQPReconnectPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(8))
        let delay = policy.delay(afterFailures: 3, random: random)
        #expect(delay >= .seconds(2) && delay <= .seconds(4))
    }
}
