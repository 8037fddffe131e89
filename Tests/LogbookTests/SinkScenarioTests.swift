import Foundation
import Testing

/// Process-level sink behaviour, through the `LogbookTestHost` scenarios.
@Suite struct SinkScenarioTests {
    /// Runs a scenario; returns its exit status and standard error.
    private func run(_ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("LogbookTestHost")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func reopensTheFileAfterSIGHUP() throws {
        let directory = TemporaryDirectory()
        let result = try run(["file-sighup", directory.file("app.log")])
        #expect(result.status == 0)
        #expect(result.standardError.contains("reopens=1"))
        #expect(directory.lines("app.log").count == 1)
        #expect(directory.lines("app.log.1").count == 1)
    }

    @Test func recreatesADeletedFileInARunningProcess() throws {
        let directory = TemporaryDirectory()
        let result = try run(["deleted-file", directory.file("app.log")])
        #expect(result.status == 0)
        #expect(directory.lines("app.log").count == 100)
    }

    @Test func anUnopenableFileIsATypedErrorNamingPathAndErrno() throws {
        let result = try run(["unopenable-file", "/nonexistent-logbook-dir/app.log"])
        #expect(result.status == 0)
        #expect(
            result.standardError.contains(
                "FileSink cannot open \"/nonexistent-logbook-dir/app.log\" for appending: ENOENT"))
    }
}
