// swift-tools-version: 6.1
import Foundation
import PackageDescription

// GeoKit is a library: it depends on Logbook to log, and never configures output.
// A path dependency is identified by its directory's name, which depends on where the
// repository was cloned; derive it so this manifest works from any checkout.
let logbookPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../..").standardizedFileURL
let logbook = logbookPath.lastPathComponent

let package = Package(
    name: "GeoKit",
    platforms: [.macOS(.v15)],
    products: [.library(name: "GeoKit", targets: ["GeoKit"])],
    dependencies: [.package(path: "../../..")],
    targets: [
        .target(name: "GeoKit", dependencies: [.product(name: "Logbook", package: logbook)])
    ],
    swiftLanguageModes: [.v6]
)
