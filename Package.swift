// swift-tools-version:6.1
import PackageDescription

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

let package = Package(
    name: "PensionPay",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AMQP", targets: ["AMQP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
        .testTarget(name: "AMQPTests", dependencies: ["AMQP"]),
    ],
    swiftLanguageModes: [.v6]
)
