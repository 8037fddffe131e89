// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A path dependency's identity is its directory's name, which differs between clones.
let logbookPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL
let logbook = logbookPath.lastPathComponent

let package = Package(
    name: "TracedServer",
    platforms: [.macOS(.v15)],
    dependencies: [
        // SwiftLogBridge: the bridge for Hummingbird's records, the sink that hands records to
        // swift-otel's log handler, and the provider of swift-log's task-local metadata.
        // DistributedTracing: the provider of trace_id, span_id and trace_flags.
        // ServiceLifecycle: LogbookService, which drains Logbook last at shutdown.
        .package(path: "../..", traits: ["SwiftLogBridge", "DistributedTracing", "ServiceLifecycle"]),
        // No traits: the server needs neither swift-configuration nor full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        // OTLP over HTTP only: no gRPC stack is built.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "TracedServer",
            dependencies: [
                .product(name: "Logbook", package: logbook),
                .product(name: "LogbookSwiftLog", package: logbook),
                .product(name: "LogbookServiceLifecycle", package: logbook),
                .product(name: "LogbookTracing", package: logbook),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
