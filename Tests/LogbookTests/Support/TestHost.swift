import Foundation

/// Runs scenarios of the `LogbookTestHost` executable, which SwiftPM builds next to the
/// test bundle, and captures what they print.
enum TestHost {
    struct Outcome: Sendable {
        var status: Int32
        /// Whether the process ended by a signal (then `status` is the signal number).
        var killedBySignal: Bool
        var standardOutput: String
        var standardError: String
        /// From starting the process to seeing it end, measured by the waiting thread (the
        /// calling task may resume later, when the cooperative pool has a thread for it).
        var elapsed: Duration

        var outputLines: [String] { standardOutput.split(separator: "\n").map(String.init) }
        var errorLines: [String] { standardError.split(separator: "\n").map(String.init) }
    }

    static var executable: URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // On macOS the test binary sits inside an .xctest bundle.
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS"
            || directory.lastPathComponent == "Contents"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("LogbookTestHost")
    }

    /// Runs `scenario` with `arguments` and extra environment variables; waits for it.
    /// With `underTerminal`, its standard output and error are a pseudo-terminal (through
    /// Python's `pty` module), whose output is then captured as standard output. Without
    /// `inheritsEnvironment`, the scenario sees only `environment`.
    ///
    /// The waiting is done by a thread of its own: the calling task is suspended meanwhile
    /// and holds no thread of the cooperative pool, which has only as many threads as
    /// cores. A process test that blocked one for its scenarios (50 runs of several
    /// seconds each under the thread sanitizer) would starve the async tests running
    /// alongside, past their time limits.
    static func run(
        _ scenario: String,
        _ arguments: [String] = [],
        underTerminal: Bool = false,
        environment: [String: String] = [:],
        inheritsEnvironment: Bool = true
    ) async throws -> Outcome {
        try await waiting {
            runningSlots.wait()
            defer { runningSlots.signal() }
            return try runWaiting(
                scenario, arguments, underTerminal: underTerminal, environment: environment,
                inheritsEnvironment: inheritsEnvironment)
        }
    }

    /// How many scenarios run at once: as many as there are cores (at least two), as when
    /// each process test held a thread of the cooperative pool. Unlimited, every process
    /// suite would start its scenarios together and their timing checks would measure
    /// the load.
    private static let runningSlots = DispatchSemaphore(value: max(2, ProcessInfo.processInfo.activeProcessorCount))

    /// Runs `body`, which blocks (waits for a process), on a thread of its own while the
    /// calling task is suspended, so that no thread of the cooperative pool is held.
    static func waiting<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// ``run(_:_:underTerminal:environment:inheritsEnvironment:)`` on the calling thread,
    /// which it blocks until the scenario ends.
    private static func runWaiting(
        _ scenario: String,
        _ arguments: [String],
        underTerminal: Bool,
        environment: [String: String],
        inheritsEnvironment: Bool
    ) throws -> Outcome {
        let process = Process()
        if underTerminal {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                ["python3", "-c", "import pty, sys; pty.spawn(sys.argv[1:])", executable.path, scenario] + arguments
        } else {
            process.executableURL = executable
            process.arguments = [scenario] + arguments
        }
        var merged = inheritsEnvironment ? ProcessInfo.processInfo.environment : [:]
        // A scenario that crashes on purpose must not start Swift's crash backtracer: it
        // inherits the output pipes and, under the thread sanitizer, can wait on the dead
        // process for good, so the pipes never reach their end.
        merged["SWIFT_BACKTRACE"] = "enable=no"
        // Under `swift test --enable-code-coverage`, a scenario without the inherited
        // environment still writes its profile where the coverage report reads them.
        merged["LLVM_PROFILE_FILE"] = ProcessInfo.processInfo.environment["LLVM_PROFILE_FILE"]
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let started = ContinuousClock.now
        try process.run()
        // Read both pipes concurrently so neither fills up and blocks the child; on a
        // thread of its own, not one a busy test process may be short of.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        Thread {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - started
        return Outcome(
            status: process.terminationStatus,
            killedBySignal: process.terminationReason == .uncaughtSignal,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self), elapsed: elapsed)
    }
}
