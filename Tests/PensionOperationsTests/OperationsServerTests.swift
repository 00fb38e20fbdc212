import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import Prometheus
import ServiceLifecycle
import Synchronization
import Testing
@testable import PensionOperations
@testable import PensionWorkers

@Suite struct OperationsServerTests {
    @Test func healthReadinessAndMetricsOverARealSocket() async throws {
        let status = WorkerStatus()
        let registry = PrometheusCollectorRegistry()
        // The same path production metrics take: swift-metrics handler from the Prometheus factory.
        PrometheusMetricsFactory(registry: registry)
            .makeCounter(label: "pensionpay_tasks_total", dimensions: [("kind", "verify"), ("result", "completed")]).increment(by: 42)
        let port = Mutex(0)
        let server = OperationsServer(host: "127.0.0.1", port: 0, status: status, registry: registry,
                                      logger: Logger(label: "ops-test"), onListening: { bound in port.withLock { $0 = bound } })
        let group = ServiceGroup(configuration: .init(services: [server], logger: Logger(label: "ops-test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var bound = 0
            for _ in 0..<200 where bound == 0 {
                bound = port.withLock { $0 }
                if bound == 0 { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(bound > 0)
            func get(_ path: String) async throws -> (Int, String) {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(bound)\(path)"), timeout: .seconds(5))
                let body = try await response.body.collect(upTo: 1 << 20)
                return (Int(response.status.code), String(buffer: body))
            }
            #expect(try await get("/healthz").0 == 200)
            let notReady = try await get("/readyz")
            #expect(notReady.0 == 503)
            #expect(notReady.1.contains(#""consuming":false"#))
            status.setConsuming(true)
            #expect(try await get("/readyz").0 == 200)
            status.setStoreHealthy(false)
            #expect(try await get("/readyz").0 == 503, "a worker that cannot write the database is not ready")
            let metrics = try await get("/metrics")
            #expect(metrics.0 == 200)
            #expect(metrics.1.contains(#"pensionpay_tasks_total{kind="verify",result="completed"} 42"#))

            func request(_ path: String, _ method: HTTPMethod) async throws -> HTTPClientResponse {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(bound)\(path)")
                request.method = method
                return try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            }
            let health = try await request("/healthz", .GET)
            #expect(health.headers.first(name: "server") == "pensionpay-worker")
            let date = try #require(health.headers.first(name: "date"), "a Date header (RFC 9110 §6.6.1)")
            let stamped = try #require(HTTPDateTests.reference().date(from: date), "IMF-fixdate: \(date)")
            #expect(abs(stamped.timeIntervalSinceNow) < 60)
            let head = try await request("/healthz", .HEAD)
            #expect(head.status.code == 200 && head.headers.first(name: "content-length") == "3")
            #expect(try await head.body.collect(upTo: 1024).readableBytes == 0, "HEAD: no body")
            #expect(try await request("/metrics", .POST).status.code == 405)
            #expect(try await request("/nothing-here", .GET).status.code == 404)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
