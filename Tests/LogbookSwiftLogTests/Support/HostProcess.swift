#if SwiftLogBridge
import Foundation

/// Runs a scenario of the `LogbookTestHost` executable, which SwiftPM builds next to the
/// test bundle, for what needs a process of its own (swift-log's one-time bootstrap).
enum HostProcess {
    struct Outcome {
        var status: Int32
        var outputLines: [String]
        var errorLines: [String]
    }

    static func run(_ scenario: String) throws -> Outcome {
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        // On macOS the test binary sits inside an .xctest bundle.
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS"
            || directory.lastPathComponent == "Contents"
        {
            directory = directory.deletingLastPathComponent()
        }
        let process = Process()
        process.executableURL = directory.appendingPathComponent("LogbookTestHost")
        process.arguments = [scenario]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // The scenarios print little, far below a pipe's buffer, so reading one pipe
        // after the other cannot block the child.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        func lines(_ data: Data) -> [String] {
            String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        return Outcome(status: process.terminationStatus, outputLines: lines(outputData), errorLines: lines(errorData))
    }
}
#endif
