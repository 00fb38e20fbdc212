// swift-tools-version:6.1
import PackageDescription

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdCore = Target.Dependency.product(name: "HummingbirdCore", package: "hummingbird")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let mustache = Target.Dependency.product(name: "Mustache", package: "swift-mustache")

let package = Package(
    name: "PensionPay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pensionpay", targets: ["pensionpay"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        /// librabbitmq-c, through a shim header (Debian 12 ships 0.11 with flat headers).
        .systemLibrary(
            name: "CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),
        /// A thin, general AMQP 0-9-1 client over CRabbitMQ: knows nothing about pensions.
        .target(name: "AMQP", dependencies: ["CRabbitMQ", logging]),
        /// Pure domain: identity numbers, names, admin units, banks, matching rules, messages. No I/O.
        .target(name: "PensionDomain", dependencies: [crypto]),
        /// SQLite (GRDB): schema, migrations, outcome recording, reports, the registry extract.
        .target(name: "PensionStore", dependencies: ["PensionDomain", grdb]),
        /// HTTP adapters for systems we cannot reach (population registry …) and their simulators.
        .target(name: "PensionIntegrations", dependencies: ["PensionDomain", "PensionStore", asyncHTTPClient, hummingbird, logging, nioCore, nioHTTP1, nioSSL, serviceLifecycle]),
        /// Worker runtime (delivery discipline, retry, outbox) and the task handlers.
        .target(
            name: "PensionWorkers",
            dependencies: ["AMQP", "PensionDomain", "PensionStore", logging, metrics, mustache, serviceLifecycle],
            resources: [.copy("Outreach/Templates")]
        ),
        /// Operator-facing HTTP: health, readiness, Prometheus metrics.
        .target(name: "PensionOperations", dependencies: ["PensionDomain", "PensionWorkers", "PensionStore", hummingbird, hummingbirdCore, logging, nioCore, nioPosix, prometheus, serviceLifecycle]),
        /// Synthetic beneficiaries for demos and national-size benchmarks, one person at a time. No I/O.
        .target(name: "PensionSynthetic", dependencies: ["PensionDomain"]),
        /// Test support shared by the test targets: seeded generators and hostile inputs for fuzzing.
        .target(name: "PensionTesting", dependencies: ["PensionSynthetic"]),
        /// The one command-line tool.
        .executableTarget(name: "pensionpay", dependencies: ["AMQP", "PensionDomain", "PensionSynthetic", "PensionStore", "PensionWorkers", "PensionIntegrations", "PensionOperations", metrics, prometheus, argumentParser, logging, serviceLifecycle]),

        .testTarget(name: "PensionDomainTests", dependencies: ["PensionDomain", "PensionTesting"]),
        .testTarget(name: "PensionSyntheticTests", dependencies: ["PensionSynthetic", "PensionDomain"]),
        .testTarget(name: "AMQPTests", dependencies: ["AMQP"]),
        .testTarget(name: "PensionStoreTests", dependencies: ["PensionStore", "PensionDomain"]),
        .testTarget(name: "PensionWorkersTests", dependencies: ["PensionWorkers", "PensionTesting", "AMQP", "PensionStore", "PensionDomain", "PensionIntegrations", "PensionOperations", grdb, serviceLifecycle]),
        .testTarget(name: "PensionOperationsTests", dependencies: ["PensionOperations", "PensionWorkers", "PensionStore", prometheus, metrics, asyncHTTPClient, nioHTTP1, serviceLifecycle, logging]),
        .testTarget(name: "PensionIntegrationsTests", dependencies: ["PensionIntegrations", "PensionTesting", "PensionDomain", "PensionStore", asyncHTTPClient, logging, nioCore, nioSSL, serviceLifecycle]),
    ],
    swiftLanguageModes: [.v6]
)
