// swift-tools-version: 6.1
import Foundation
import PackageDescription

// A path dependency is identified by its directory's name, which depends on where the
// repository was cloned; derive it so this manifest works from any checkout.
let logbookPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("..").standardizedFileURL
let logbook = logbookPath.lastPathComponent

let package = Package(
    name: "LogbookBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // Allocation counters (wrapping glibc's allocator), a monotonic clock and
        // callgrind client requests; no-ops where unavailable.
        .target(name: "CBenchSupport"),
        // The side-by-side benchmark: `swift run -c release --package-path Benchmarks`.
        .executableTarget(
            name: "LogbookBenchmarks",
            dependencies: [
                "CBenchSupport",
                .product(name: "Logbook", package: logbook),
                .product(name: "LogbookTesting", package: logbook),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("MemberImportVisibility"),
                // Async workloads run on the caller's executor: no thread hop per sample.
                .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
