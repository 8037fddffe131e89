// swift-tools-version: 6.1
import Foundation
import PackageDescription

// A path dependency is identified by its directory's name, which depends on where the
// repository was cloned; derive it so this manifest works from any checkout.
let logbookPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL
let logbook = logbookPath.lastPathComponent

let package = Package(
    name: "TestingWithLogbook",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        // Code under test: it logs through Logbook and knows nothing about tests.
        .target(
            name: "Checkout",
            dependencies: [.product(name: "Logbook", package: logbook)]
        ),
        // Its tests, with LogbookTesting, in Swift Testing and in XCTest.
        .testTarget(
            name: "CheckoutTests",
            dependencies: [
                "Checkout",
                .product(name: "Logbook", package: logbook),
                .product(name: "LogbookTesting", package: logbook),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
