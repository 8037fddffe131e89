// swift-tools-version: 6.1
import Foundation
import PackageDescription

// A path dependency is identified by its directory's name, which depends on where the
// repository was cloned; derive it so this manifest works from any checkout.
let logbookPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL
let logbook = logbookPath.lastPathComponent

let package = Package(
    name: "SwiftLogBridge",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The trait turns on the bridge, and with it Logbook's dependency on swift-log.
        .package(path: "../..", traits: ["SwiftLogBridge"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "SwiftLogBridgeExample",
            dependencies: [
                .product(name: "Logbook", package: logbook),
                .product(name: "LogbookSwiftLog", package: logbook),
                .product(name: "Logging", package: "swift-log"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
