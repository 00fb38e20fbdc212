import Foundation
import Logging
import PensionDomain
@testable import PensionIntegrations
import Testing

/// The bank name-inquiry client against the simulator over a real loopback socket, and the strict decoder.
@Suite struct BankInquiryTests {
    static let csv = """
        holder_name,bank_bin,bank_account,branch
        Nguyễn Văn An,970436,0071 000 123456,HCM
        TRAN THI BINH,970418,12345678,HN

        """

    static func withClient<T>(faults: RegistryFaults = .none, apiKey: String? = "k",
                              retry: RegistryRetryPolicy = RegistryRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
                              _ body: (HTTPBankNameInquiry, BankSimulator) async throws -> T) async throws -> T {
        let accounts = try SimulatedBankAccounts(csv: Data(csv.utf8))
        let simulator = BankSimulator(bank: accounts, options: RegistrySimulatorOptions(apiKey: "k", faults: faults), logger: RegistryTestSupport.logger)
        return try await simulator.withRunningServer { port in
            // A generous request timeout: under a loaded CI machine a 2 s one once expired before the
            // 401 arrived, and the retry of that (transient) timeout made a second request.
            let client = try HTTPBankNameInquiry(options: HTTPBankInquiryOptions(
                baseURL: "http://127.0.0.1:\(port)", apiKey: apiKey, requestTimeout: .seconds(15), retry: retry,
                circuitBreaker: .init(failureThreshold: 100, coolDown: .seconds(1))), logger: RegistryTestSupport.logger)
            defer { Task { try? await client.shutdown() } }
            return try await body(client, simulator)
        }
    }

    @Test func answersFoundAndNotFoundOverHTTP() async throws {
        let known = BankAccountKey(bankBIN: "970436", bankAccount: "0071000123456")
        let other = BankAccountKey(bankBIN: "970418", bankAccount: "12345678")
        let missing = BankAccountKey(bankBIN: "970436", bankAccount: "999999")
        try await Self.withClient { client, simulator in
            let answers = try await client.inquire([known, other, missing, known])
            #expect(answers == [known: .holder(name: "NGUYEN VAN AN"), other: .holder(name: "TRAN THI BINH"), missing: .accountNotFound])
            #expect(simulator.stats.served == 1)
        }
    }

    @Test func transientFaultsAreRetriedWithinTheCallAndAWrongKeyIsNot() async throws {
        let known = BankAccountKey(bankBIN: "970436", bankAccount: "0071000123456")
        try await Self.withClient { client, simulator in
            simulator.enqueueFaults([.error, .throttle(retryAfterSeconds: 0)])
            let answers = try await client.inquire([known])
            #expect(answers == [known: .holder(name: "NGUYEN VAN AN")])
            #expect(simulator.stats.errors == 1 && simulator.stats.throttled == 1 && simulator.stats.served == 1)
        }
        try await Self.withClient(apiKey: "wrong") { client, simulator in
            var refused = false
            do { _ = try await client.inquire([known]) } catch is BankInquiryUnavailable { refused = true }
            #expect(refused)
            #expect(simulator.stats.unauthorized == 1)
        }
    }

    @Test func theDecoderIsStrict() throws {
        let a = BankAccountKey(bankBIN: "970436", bankAccount: "111111")
        let b = BankAccountKey(bankBIN: "970436", bankAccount: "222222")
        func decode(_ json: String) throws(RegistryHTTPError) -> [BankAccountKey: BankNameInquiryResult] {
            try HTTPBankNameInquiry.decode(Data(json.utf8), requested: [a, b])
        }
        let ok = #"{"results":[{"bank_bin":"970436","bank_account":"111111","status":"found","holder_name":"LE VAN C"},{"bank_bin":"970436","bank_account":"222222","status":"not_found"}]}"#
        #expect(try decode(ok) == [a: .holder(name: "LE VAN C"), b: .accountNotFound])
        for bad in [
            #"{"results":[{"bank_bin":"970436","bank_account":"111111","status":"found","holder_name":"LE VAN C"}]}"#,
            #"{"results":[{"bank_bin":"970436","bank_account":"111111","status":"found"},{"bank_bin":"970436","bank_account":"222222","status":"not_found"}]}"#,
            #"{"results":[{"bank_bin":"970436","bank_account":"111111","status":"maybe"},{"bank_bin":"970436","bank_account":"222222","status":"not_found"}]}"#,
            #"{"results":[{"bank_bin":"970436","bank_account":"333333","status":"not_found"},{"bank_bin":"970436","bank_account":"222222","status":"not_found"}]}"#,
            #"{"results":[{"bank_bin":"970436","bank_account":"222222","status":"not_found"},{"bank_bin":"970436","bank_account":"222222","status":"not_found"}]}"#,
            "[]",
        ] {
            #expect(throws: RegistryHTTPError.self, "\(bad)") { try decode(bad) }
        }
    }

    @Test func anAccountsFileNeedsItsColumnsAndReportsLines() {
        #expect(throws: SimulatedBankAccounts.LoadError.self) { try SimulatedBankAccounts(csv: Data("bank_bin,holder_name\n970436,A\n".utf8)) }
        do {
            _ = try SimulatedBankAccounts(csv: Data("bank_bin,bank_account,holder_name\n970436,,A\n".utf8))
            Issue.record("an empty account must be refused")
        } catch {
            #expect(error.description.hasPrefix("line 2:"))
        }
    }
}
