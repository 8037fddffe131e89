// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Logbook",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Logbook", targets: ["Logbook"]),
        .library(name: "LogbookTesting", targets: ["LogbookTesting"]),
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
        .executableTarget(
            name: "LogbookTestHost",
            dependencies: ["Logbook", "LogbookTesting"],
            path: "Tests/LogbookTestHost",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LogbookTests",
            dependencies: ["Logbook", "LogbookTesting", "LogbookTestHost"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
