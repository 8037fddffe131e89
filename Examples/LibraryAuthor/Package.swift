// swift-tools-version: 6.1
import Foundation
import PackageDescription

// The application: it depends on the GeoKit library and on Logbook, and is the only place
// that configures logging output.
let logbookPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL
let logbook = logbookPath.lastPathComponent

let package = Package(
    name: "WeatherApp",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../.."),
        .package(path: "GeoKit"),
    ],
    targets: [
        .executableTarget(
            name: "WeatherApp",
            dependencies: [
                .product(name: "Logbook", package: logbook),
                .product(name: "GeoKit", package: "GeoKit"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
