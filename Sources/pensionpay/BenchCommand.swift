import AMQP
import ArgumentParser
import Foundation
import PensionDomain
import PensionStore
import PensionWorkers

/// `pensionpay bench verify`: measured figures, never a timed test.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks against the real broker and SQLite.", subcommands: [Verify.self, Review.self, Register.self, Outreach.self, Report.self])

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide N registration requests (every failure case in the mix) with K register worker processes; print rate and mix.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "How many requests.") var requests = 20_000
        @Option(help: "Worker processes.") var workers = 1
        @Option(help: "Give up after this many seconds.") var timeout = 600.0

        func run() async throws {
            let logger = global.makeLogger("pensionpay.bench")
            let url = try global.resolvedAMQPURL()
            let directory = try BenchSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let dbPath = directory.appendingPathComponent("node.sqlite").path
            let store = try PensionDatabase(path: dbPath)
            let requestedAt = Date()
            var upserts: [BeneficiaryUpsert] = [], verifications: [VerificationOutcomeRecord] = [], tasks: [RegisterTask] = []
            var accounts = "bank_bin,bank_account,holder_name\n"
            for i in 0..<requests {
                let digits = String(i)
                let id = try NationalID.parse("0792" + String(repeating: "0", count: 8 - digits.count) + digits)
                upserts.append(BeneficiaryUpsert(nationalID: id.digits, fullName: "Nguyễn Văn Hùng", dateOfBirth: "1948-05-17", sex: "M",
                                                 provinceCode: "79", paymentMethod: .cash))
                verifications.append(VerificationOutcomeRecord(taskID: "bench-verify-\(i)", nationalID: id.digits, period: "2026-11", outcome: "verified"))
                var bin = "970436", account = "0071" + String(repeating: "0", count: 9 - digits.count) + digits, holder = "NGUYEN VAN HUNG", known = true
                switch i % 20 {
                case 0: account = "9704360000000016"                                    // a card number (Luhn-valid)
                case 1: account = "99MM24011M348750"; known = false                     // an e-wallet
                case 2: bin = "999999"; known = false                                    // unknown bank
                case 3, 4: holder = "TRAN THI THUY"                                      // holder is someone else
                case 5: known = false                                                    // no such account
                case 6 where i >= 8:                                                     // the account of request i-8: shared
                    let other = String(i - 8)
                    account = "0071" + String(repeating: "0", count: 9 - other.count) + other
                    known = false                                                        // already listed for i-8
                case 7: account = "12345"; known = false                                 // too short
                default: break
                }
                if known { accounts += "\(bin),\(account),\(holder)\n" }
                tasks.append(RegisterTask(request: RegistrationRequest(nationalID: id, bankBIN: bin, bankAccount: account, holderName: "Nguyễn Văn Hùng",
                                                                       authorisedHolderID: nil, authorisationExpires: nil, channel: .bank,
                                                                       requestedAt: requestedAt), createdAt: requestedAt))
            }
            for start in stride(from: 0, to: requests, by: 5000) {
                let end = min(start + 5000, requests)
                _ = try await store.upsertBeneficiaries(Array(upserts[start..<end]), at: Date())
                _ = try await store.recordVerifications(Array(verifications[start..<end]), at: Date())
            }
            let accountsPath = directory.appendingPathComponent("accounts.csv").path
            try accounts.write(toFile: accountsPath, atomically: true, encoding: .utf8)

            let topology = Topology(namespace: "bench-\(UUID().uuidString.prefix(8))")
            let connection = try await AMQPConnection.connect(url, name: "pensionpay bench register", logger: logger)
            try await topology.declare(on: connection)
            try await connection.enablePublisherConfirms()
            for start in stride(from: 0, to: tasks.count, by: 1000) {
                try await connection.publish(tasks[start..<min(start + 1000, tasks.count)].map { RegisterTask.message($0, province: "79", topology: topology) })
            }
            let started = ContinuousClock.now
            let fleet = try WorkerFleet(count: workers, url: url) { k in
                ["worker", "register", "--db", dbPath] + topology.arguments + ["--bank-accounts", accountsPath,
                 "--name", "bench-register-\(k)", "--log-level", "error"]
            }
            let decided = try await fleet.wait(until: requests, timeout: timeout) { try store.registrationDecisionCounts().values.reduce(0, +) }
            let seconds = (ContinuousClock.now - started).seconds
            fleet.stop()
            try? await topology.delete(on: connection)
            await connection.close()
            let mix = try store.registrationDecisionCounts().sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("""
            bench register: \(requests) requests, \(workers) worker process(es), embedded bank accounts (CSV)
              decided \(decided) in \(String(format: "%.2f", seconds)) s: \(String(format: "%.0f", Double(decided) / seconds)) registrations/s
              mix: \(mix)
              worker peak RSS: \(fleet.peaksDescription)
            """)
            if decided < requests { throw Console.fail("only \(decided) of \(requests) decided after \(Int(timeout)) s") }
        }
    }

    struct Outreach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send N outreach notices (SMS) through `simulate gateway` on loopback with K outreach worker processes; print notices/s.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "How many notices.") var notices = 10_000
        @Option(help: "Worker processes.") var workers = 1
        @Option(help: "Share of gateway sends answered 503 (0…1).") var errorRate = 0.0
        @Option(help: "Give up after this many seconds.") var timeout = 600.0
        @Option(help: "Log level of the worker processes (their logs go to stderr).") var workerLogLevel = "error"

        func run() async throws {
            let logger = global.makeLogger("pensionpay.bench")
            let url = try global.resolvedAMQPURL()
            let directory = try BenchSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let dbPath = directory.appendingPathComponent("node.sqlite").path
            let store = try PensionDatabase(path: dbPath)
            let period = Period(year: 2026, month: 11)!
            var rows: [BeneficiaryUpsert] = [], tasks: [OutreachTask] = []
            for i in 0..<notices {
                let digits = String(i)
                let id = try NationalID.parse("0793" + String(repeating: "0", count: 8 - digits.count) + digits)
                rows.append(BeneficiaryUpsert(nationalID: id.digits, fullName: "Trần Thị Thủy", dateOfBirth: "1950-05-17", sex: "F", provinceCode: "79",
                                              communeCode: "26734", phone: "09" + String(repeating: "0", count: 8 - digits.count) + digits, paymentMethod: .cash))
                tasks.append(.followUp(nationalID: id, provinceCode: "79", communeCode: "26734", period: period, at: Date()))
            }
            for start in stride(from: 0, to: notices, by: 5000) {
                _ = try await store.upsertBeneficiaries(Array(rows[start..<min(start + 5000, notices)]), at: Date())
            }
            let (gateway, address) = try BenchSupport.startSimulator(["gateway", "--error-rate", String(errorRate), "--log-level", "error"])
            defer { gateway.terminate(); gateway.waitUntilExit() }
            let topology = Topology(namespace: "bench-\(UUID().uuidString.prefix(8))", retryDelays: [.seconds(1), .seconds(2), .seconds(5)])
            let connection = try await AMQPConnection.connect(url, name: "pensionpay bench outreach", logger: logger)
            try await topology.declare(on: connection)
            try await connection.enablePublisherConfirms()
            for start in stride(from: 0, to: tasks.count, by: 1000) {
                try await connection.publish(tasks[start..<min(start + 1000, tasks.count)].map { task in
                    AMQPOutgoingMessage(exchange: topology.publishExchange(.outreach), routingKey: Topology.routingKey(.outreach, province: task.provinceCode),
                                        body: task.encodedJSON(), properties: AMQPProperties(contentType: "application/json", messageID: task.taskID))
                })
            }
            let started = ContinuousClock.now
            let fleet = try WorkerFleet(count: workers, url: url) { k in
                ["worker", "outreach", "--db", dbPath] + topology.arguments + ["--gateway-url", address,
                 "--quiet-hours", "00:00-00:00", "--rate-per-second", "1000000", "--name", "bench-outreach-\(k)", "--log-level", workerLogLevel]
            }
            let done = try await fleet.wait(until: notices, timeout: timeout) {
                let counts = try store.noticeCounts()
                return (counts[.sent] ?? 0) + (counts[.failed] ?? 0)
            }
            let seconds = (ContinuousClock.now - started).seconds
            fleet.stop()
            try? await topology.delete(on: connection)
            await connection.close()
            let counts = try store.noticeCounts()
            print("""
            bench outreach: \(notices) SMS notices, \(workers) worker process(es), gateway simulator on loopback, error rate \(errorRate)
              \(done) notices settled in \(String(format: "%.2f", seconds)) s: \(String(format: "%.0f", Double(done) / seconds)) notices/s (sent \(counts[.sent] ?? 0), failed \(counts[.failed] ?? 0))
              worker peak RSS: \(fleet.peaksDescription)
            """)
            if done < notices { throw Console.fail("only \(done) of \(notices) notices settled after \(Int(timeout)) s") }
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seed N beneficiaries, run the monthly review into a private namespace, print the publish rate.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "How many beneficiaries on record.") var people = 200_000
        @Flag(help: "Keep the queue contents (default: delete the private topology afterwards).") var keep = false

        func run() async throws {
            let logger = global.makeLogger("pensionpay.bench")
            let url = try global.resolvedAMQPURL()
            let directory = try BenchSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try PensionDatabase(path: directory.appendingPathComponent("node.sqlite").path)
            let seedStart = ContinuousClock.now
            var batch: [BeneficiaryUpsert] = []
            batch.reserveCapacity(10_000)
            let provinces = AdministrativeUnits.provinces.map(\.code)
            for i in 0..<people {
                let digits = String(i)
                let id = "0" + String(40 + i % 50) + "1" + String(repeating: "0", count: 8 - digits.count) + digits
                batch.append(BeneficiaryUpsert(nationalID: id, fullName: "Nguyễn Văn Hùng", dateOfBirth: "1950-03-07", sex: "M",
                                               provinceCode: provinces[i % provinces.count], paymentMethod: .cash))
                if batch.count == 10_000 || i == people - 1 {
                    _ = try await store.upsertBeneficiaries(batch, at: Date())
                    batch.removeAll(keepingCapacity: true)
                }
            }
            let seedSeconds = (ContinuousClock.now - seedStart).seconds
            let topology = Topology(namespace: "bench-\(UUID().uuidString.prefix(8))")
            let connection = try await AMQPConnection.connect(url, name: "pensionpay bench review", logger: logger)
            try await topology.declare(on: connection)
            try await connection.enablePublisherConfirms()
            let start = ContinuousClock.now
            let summary = try await MonthlyReview(store: store, publisher: connection, topology: topology, period: Period(year: 2026, month: 12)!).run()
            let seconds = (ContinuousClock.now - start).seconds
            let queued = try await connection.inspectQueue(topology.workQueue(.verify)).messageCount
            let reportStart = ContinuousClock.now
            let report = try await store.progressReport()
            let reportSeconds = (ContinuousClock.now - reportStart).seconds
            if !keep { try? await topology.delete(on: connection) }
            await connection.close()
            let size = (try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("node.sqlite").path)[.size] as? Int) ?? 0
            print("""
            bench review: \(people) beneficiaries on record (seeded in \(String(format: "%.1f", seedSeconds)) s, database \(size / 1_048_576) MiB)
              review published \(summary.published) verify tasks in \(String(format: "%.1f", seconds)) s: \(String(format: "%.0f", Double(summary.published) / seconds)) tasks/s (confirmed; \(queued) in the queue)
              report over \(report.totals.beneficiaries) beneficiaries: \(String(format: "%.2f", reportSeconds)) s
              process peak RSS: \(String(format: "%.0f", Double(ProcessStats.peakRSSKiB(getpid())) / 1024)) MiB
            """)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish N verify tasks, run K verify worker processes until every outcome is committed, print figures.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "How many tasks.") var tasks = 20_000
        @Option(help: "Worker processes.") var workers = 1
        @Option(help: "Prefetch per worker (the verify worker's default).") var prefetch: UInt16 = 1500
        @Option(help: "Group-commit batch per worker.") var batch = 500
        @Option(help: "Give up after this many seconds.") var timeout = 600.0
        @Flag(help: "Workers use the HTTP registry client against `pensionpay simulate registry` on loopback instead of the embedded extract.")
        var httpRegistry = false

        func run() async throws {
            let logger = global.makeLogger("pensionpay.bench")
            let url = try global.resolvedAMQPURL()
            let directory = try BenchSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let dbPath = directory.appendingPathComponent("node.sqlite").path
            let registryPath = directory.appendingPathComponent("registry.sqlite").path
            let store = try PensionDatabase(path: dbPath)
            let registry = try RegistryDatabase.create(path: registryPath)
            let period = Period(year: 2026, month: 11)!

            // Data: N beneficiaries on record and in the registry (a realistic mix of outcomes).
            var people: [VerifyTask] = []
            people.reserveCapacity(tasks)
            var upserts: [BeneficiaryUpsert] = []
            var registryRows: [RegistryRow] = []
            for i in 0..<tasks {
                let id = try NationalID.parse(String(format: "0790%02d%06d", 40 + i % 50, i))
                let name = ["Nguyễn Văn Hùng", "Trần Thị Thủy", "Lê Hữu Phúc", "Phạm Thị Hòa"][i % 4]
                upserts.append(BeneficiaryUpsert(nationalID: id.digits, fullName: name, dateOfBirth: "19\(40 + i % 50)-03-07", sex: i % 4 == 0 || i % 4 == 2 ? "M" : "F",
                                                 provinceCode: ["01", "79", "24", "92"][i % 4], paymentMethod: i % 5 == 0 ? .cash : .bank,
                                                 bankBIN: i % 5 == 0 ? nil : "970436", bankAccount: i % 5 == 0 ? nil : String(format: "0011%09d", i)))
                if i % 50 != 0 {
                    registryRows.append(RegistryRow(nationalID: id.digits, fullName: name, dateOfBirth: "19\(40 + i % 50)-03-07",
                                                    sex: i % 4 == 0 || i % 4 == 2 ? "M" : "F", status: i % 40 == 1 ? .deceased : .alive))
                }
                people.append(VerifyTask(taskID: TaskID.make(kind: "verify", nationalID: id, period: period), createdAt: Date(), period: period,
                                         beneficiary: .init(nationalID: id.digits, fullName: name, dateOfBirth: "19\(40 + i % 50)-03-07",
                                                            sex: i % 4 == 0 || i % 4 == 2 ? "M" : "F", provinceCode: ["01", "79", "24", "92"][i % 4])))
            }
            for chunk in stride(from: 0, to: upserts.count, by: 5000) {
                _ = try await store.upsertBeneficiaries(Array(upserts[chunk..<min(chunk + 5000, upserts.count)]), at: Date())
            }
            try registry.importRows(registryRows)

            let topology = Topology(namespace: "bench-\(UUID().uuidString.prefix(8))")
            let connection = try await AMQPConnection.connect(url, name: "pensionpay bench", logger: logger)
            try await topology.declare(on: connection)
            try await connection.enablePublisherConfirms()

            // Publish, 1,000 per confirmed batch, 4 batches in flight.
            let publishStart = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                var inFlight = 0
                for chunk in stride(from: 0, to: people.count, by: 1000) {
                    let messages = people[chunk..<min(chunk + 1000, people.count)].map { VerifyTask.message($0, topology: topology) }
                    if inFlight >= 4 { try await group.next(); inFlight -= 1 }
                    group.addTask { try await connection.publish(messages) }
                    inFlight += 1
                }
                try await group.waitForAll()
            }
            let publishSeconds = (ContinuousClock.now - publishStart).seconds

            // Consume with K worker processes until every outcome is committed.
            var simulator: Process?
            var registryArguments = ["--registry", registryPath]
            if httpRegistry {
                let (process, address) = try BenchSupport.startSimulator(["registry", "--extract", registryPath, "--log-level", "warning"])
                simulator = process
                registryArguments = ["--registry-url", address]
            }
            let consumeStart = ContinuousClock.now
            let fleet = try WorkerFleet(count: workers, url: url) { k in
                ["worker", "verify", "--db", dbPath] + registryArguments + topology.arguments + [
                 "--prefetch", String(prefetch), "--batch", String(batch), "--name", "bench-\(k)", "--log-level", "warning"]
            }
            let done = try await fleet.wait(until: tasks, timeout: timeout) { try store.verificationCount() }
            let committedSeconds = (ContinuousClock.now - consumeStart).seconds
            // The workers fold the beneficiaries' state after the outcomes (OutcomeFolder): the clock
            // stops when that has caught up too, so the figure is the whole verification's.
            let caughtUp = try await fleet.wait(until: 1, timeout: timeout) { try store.unfoldedOutcomeCount() == 0 ? 1 : 0 }
            let consumeSeconds = (ContinuousClock.now - consumeStart).seconds
            let cpu = fleet.cpuSeconds
            fleet.stop()
            simulator?.terminate()
            simulator?.waitUntilExit()
            try? await topology.delete(on: connection)
            await connection.close()

            print("""
            bench verify: \(tasks) tasks, \(workers) worker process(es), prefetch \(prefetch), batch \(batch), broker \(url.urls.map(\.host).joined(separator: ",")), registry \(httpRegistry ? "HTTP (simulator on loopback)" : "embedded")
              publish (confirmed, 1000/batch, 4 in flight): \(String(format: "%.0f", Double(tasks) / publishSeconds)) tasks/s (\(String(format: "%.2f", publishSeconds)) s)
              verify end to end (spawn → last outcome committed and folded into beneficiaries): \(String(format: "%.0f", Double(done) / consumeSeconds)) tasks/s (\(String(format: "%.2f", consumeSeconds)) s, \(done) outcomes)
              outcomes alone committed after \(String(format: "%.2f", committedSeconds)) s (\(String(format: "%.0f", Double(done) / committedSeconds)) tasks/s); the state caught up \(String(format: "%.2f", consumeSeconds - committedSeconds)) s later
              worker peak RSS: \(fleet.peaksDescription)
              worker CPU: \(String(format: "%.3f", cpu * 1000 / Double(max(done, 1)))) s per 1000 tasks
            """)
            if done < tasks { throw Console.fail("only \(done) of \(tasks) outcomes after \(Int(timeout)) s") }
            if caughtUp < 1 { throw Console.fail("the beneficiaries' state had not caught up with the outcomes after \(Int(timeout)) s") }
        }
    }
}

/// Figures about a child process from /proc (Linux).
enum ProcessStats {
    /// Peak resident set size (VmHWM) in KiB, or 0.
    static func peakRSSKiB(_ pid: Int32) -> Int { statusKiB(pid, "VmHWM") }

    /// A KiB field of /proc/PID/status (VmHWM, RssAnon, RssFile …), or 0.
    static func statusKiB(_ pid: Int32, _ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
        }
        return 0
    }

    /// User + system CPU seconds so far.
    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

