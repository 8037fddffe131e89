// swift-tools-version: 6.2
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// swift-log's `Logging`, linked only when the `SwiftLogBridge` trait is enabled. Without
/// the trait no target uses swift-log, so it is never resolved or fetched.
let swiftLog: Target.Dependency = .product(
    name: "Logging", package: "swift-log", condition: .when(traits: ["SwiftLogBridge"]))

/// swift-service-lifecycle's `ServiceLifecycle`, linked only when the `ServiceLifecycle`
/// trait is enabled; without it the package is never resolved or fetched.
let serviceLifecycle: Target.Dependency = .product(
    name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: .when(traits: ["ServiceLifecycle"]))
/// swift-log's `Logging` for the service lifecycle tests (a `ServiceGroup` takes a `Logger`).
let swiftLogForServiceLifecycle: Target.Dependency = .product(
    name: "Logging", package: "swift-log", condition: .when(traits: ["ServiceLifecycle"]))

/// swift-distributed-tracing's `Instrumentation`, linked only when the `DistributedTracing`
/// trait is enabled; without it the package is never resolved or fetched.
let instrumentation: Target.Dependency = .product(
    name: "Instrumentation", package: "swift-distributed-tracing", condition: .when(traits: ["DistributedTracing"]))

let package = Package(
    name: "Logbook",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Logbook", targets: ["Logbook"]),
        .library(name: "LogbookTesting", targets: ["LogbookTesting"]),
        .library(name: "LogbookSwiftLog", targets: ["LogbookSwiftLog"]),
        .library(name: "LogbookServiceLifecycle", targets: ["LogbookServiceLifecycle"]),
        .library(name: "LogbookTracing", targets: ["LogbookTracing"]),
    ],
    traits: [
        .trait(
            name: "SwiftLogBridge",
            description: "Builds LogbookSwiftLog, which routes swift-log records into the Logbook hierarchy. "
                + "Adds a dependency on apple/swift-log."),
        .trait(
            name: "ServiceLifecycle",
            description: "Builds LogbookServiceLifecycle, a Service that drains Logbook when a ServiceGroup "
                + "stops. Adds a dependency on swift-server/swift-service-lifecycle."),
        .trait(
            name: "DistributedTracing",
            description: "Builds LogbookTracing, a field provider that adds the current span's trace_id, span_id "
                + "and trace_flags to every record. Adds a dependency on apple/swift-distributed-tracing."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
    ],
    targets: [
        .target(
            name: "Logbook",
            swiftSettings: strictSettings
        ),
        .target(
            name: "LogbookTesting",
            dependencies: ["Logbook"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LogbookSwiftLog",
            dependencies: ["Logbook", swiftLog],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LogbookServiceLifecycle",
            dependencies: ["Logbook", serviceLifecycle],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LogbookTracing",
            dependencies: ["Logbook", instrumentation],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "LogbookTestHost",
            dependencies: ["Logbook", "LogbookTesting", "LogbookSwiftLog", swiftLog],
            path: "Tests/LogbookTestHost",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LogbookTests",
            dependencies: ["Logbook", "LogbookTesting", "LogbookTestHost"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LogbookSwiftLogTests",
            dependencies: ["Logbook", "LogbookSwiftLog", "LogbookTesting", "LogbookTestHost", swiftLog],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LogbookServiceLifecycleTests",
            dependencies: [
                "Logbook", "LogbookServiceLifecycle", "LogbookTesting", serviceLifecycle, swiftLogForServiceLifecycle,
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LogbookTracingTests",
            dependencies: ["Logbook", "LogbookTracing", "LogbookTesting", instrumentation],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
