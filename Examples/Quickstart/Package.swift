// swift-tools-version: 6.1
import Foundation
import PackageDescription

// A path dependency is identified by its directory's name, which depends on where the
// repository was cloned; derive it so this manifest works from any checkout.
let logbookPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL
let logbook = logbookPath.lastPathComponent

let package = Package(
    name: "Quickstart",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        // A stand-in for a third-party library: it asks for loggers and logs, nothing else.
        .target(
            name: "PaymentsKit",
            dependencies: [.product(name: "Logbook", package: logbook)]
        ),
        // The application: the only place that configures output.
        .executableTarget(
            name: "Quickstart",
            dependencies: ["PaymentsKit", .product(name: "Logbook", package: logbook)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
