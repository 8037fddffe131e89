// swift-tools-version: 6.1
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

let package = Package(
    name: "Logbook",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Logbook", targets: ["Logbook"]),
        .library(name: "LogbookTesting", targets: ["LogbookTesting"]),
        .library(name: "LogbookSwiftLog", targets: ["LogbookSwiftLog"]),
    ],
    traits: [
        .trait(
            name: "SwiftLogBridge",
            description: "Builds LogbookSwiftLog, which routes swift-log records into the Logbook hierarchy. "
                + "Adds a dependency on apple/swift-log."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2")
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
    ],
    swiftLanguageModes: [.v6]
)
