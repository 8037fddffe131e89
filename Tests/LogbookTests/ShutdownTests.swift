import Foundation
import Logbook
import LogbookTesting
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one shutdown routine behind `LogSetup.shutdown`, the exit hook and `LogbookService`,
/// and its timeout setting (`LogConfiguration.shutdownTimeout`, `LOG_SHUTDOWN_TIMEOUT`).
@Suite struct ShutdownTests {
    @Test func preDrainActionsRunFirstAndTheirRecordsAreDrained() throws {
        let hierarchy = LogHierarchy()
        let memory = InMemorySink()
        let async = AsyncSink(memory)
        try hierarchy.bootstrap(LogConfiguration(sinks: [async]))
        let log = hierarchy.logger("app")
        log.info("last")
        let summary: @Sendable () -> Void = { hierarchy.logger("sampler").warning("summary") }
        let complete = LogShutdown.run(sinks: [async], timeout: .seconds(5), before: summary)
        #expect(complete)
        // Queued by the action before the drain started, so written by the drain itself.
        #expect(memory.messages == ["last", "summary"])
        #expect(async.writtenCount == 2)
    }

    @Test("a pre-drain action that blocks does not hold the shutdown past its deadline")
    func blockingActionLeftBehindAtTheDeadline() {
        let start = ContinuousClock.now
        // Blocks its thread for 3 s (the action runs on a thread of its own).
        let blocking: @Sendable () -> Void = { usleep(3_000_000) }
        LogShutdown.run(sinks: [], timeout: .milliseconds(200), before: blocking)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .milliseconds(1_500), "took \(elapsed)")
    }

    /// Drops and counts what arrives after its shutdown, which `LogSink.shutdown(timeout:)`
    /// allows; slow enough that an `AsyncSink` in front of it still holds records at shutdown.
    private final class ClosingSink: LogSink, @unchecked Sendable {
        private let lock = NSLock()
        private var counts = (written: 0, late: 0, closed: false)

        func write(_ record: LogRecord) {
            usleep(200)
            lock.withLock { if counts.closed { counts.late += 1 } else { counts.written += 1 } }
        }

        func shutdown(timeout: Duration) -> Bool {
            lock.withLock { counts.closed = true }
            return true
        }

        var writtenAndLate: (written: Int, late: Int) { lock.withLock { (counts.written, counts.late) } }
    }

    @Test(
        "an AsyncSink is shut down before the sink it wraps, attached further up or down the tree",
        arguments: [true, false])
    func wrapperDrainsBeforeTheSinkItWraps(wrapperOnTheChild: Bool) throws {
        let hierarchy = quietHierarchy()
        let target = ClosingSink()
        let async = AsyncSink(target)
        // The root holds one, a logger that does not propagate the other.
        let (atRoot, atChild): (any LogSink, any LogSink) = wrapperOnTheChild ? (target, async) : (async, target)
        let setup = try hierarchy.bootstrap(LogConfiguration(sinks: [atRoot]))
        let audit = hierarchy.logger("audit")
        audit.propagates = false
        audit.addSink(atChild)
        let log = wrapperOnTheChild ? audit : hierarchy.logger("app")
        for index in 0..<500 { log.info("queued", ["index": index]) }
        #expect(setup.shutdown(timeout: .seconds(30)))
        #expect(async.writtenCount == 500)
        #expect(target.writtenAndLate == (500, 0), "the wrapper drained into a sink already shut down")
    }

    @Test func shutdownIsIdempotentAndLateRecordsAreStillWritten() throws {
        let hierarchy = LogHierarchy()
        let memory = InMemorySink()
        let setup = try hierarchy.bootstrap(LogConfiguration(sinks: [AsyncSink(memory)]))
        let log = hierarchy.logger("app")
        for index in 0..<1_000 { log.info("queued", ["index": index]) }
        #expect(setup.shutdown())
        #expect(setup.shutdown())
        #expect(setup.shutdown(timeout: .zero))
        log.info("after shutdown")
        #expect(memory.records.count == 1_001)
        #expect(memory.messages.last == "after shutdown")
    }

    @Test func theSetupCarriesTheConfiguredTimeout() throws {
        #expect(LogConfiguration().shutdownTimeout == .seconds(5))
        #expect(LogConfiguration(shutdownTimeout: .seconds(-1)).shutdownTimeout == .zero)
        let hierarchy = LogHierarchy()
        let setup = try hierarchy.bootstrap(LogConfiguration(shutdownTimeout: .milliseconds(250)))
        #expect(setup.shutdownTimeout == .milliseconds(250))
    }

    @Test(arguments: [
        ("750ms", Duration.milliseconds(750)), ("2s", .seconds(2)), ("2.5", .milliseconds(2_500)),
        (" 0 ", .zero), ("1.5S", .milliseconds(1_500)),
    ])
    func theEnvironmentSetsTheTimeout(value: String, expected: Duration) throws {
        let environment = LogEnvironment(variables: ["LOG_SHUTDOWN_TIMEOUT": value], outputIsTerminal: false)
        let resolution = try environment.resolve()
        #expect(resolution.configuration.shutdownTimeout == expected)
        let choice = resolution.choices.first { $0.setting == "shutdown timeout" }
        #expect(choice?.source == "LOG_SHUTDOWN_TIMEOUT=\(value.filter { $0 != " " })")
    }

    @Test func codeWinsOverTheVariableAndTheDefaultNeedsNoChoice() throws {
        var environment = LogEnvironment(variables: ["LOG_SHUTDOWN_TIMEOUT": "9s"], outputIsTerminal: false)
        environment.shutdownTimeout = .seconds(1)
        #expect(try environment.resolve().configuration.shutdownTimeout == .seconds(1))
        let plain = try LogEnvironment(variables: [:], outputIsTerminal: false).resolve()
        #expect(plain.configuration.shutdownTimeout == .seconds(5))
        #expect(!plain.choices.contains { $0.setting == "shutdown timeout" })
    }

    @Test(arguments: ["soon", "-1s", "5 minutes", "1e3", "nan", "ms", "100000"])
    func aBadTimeoutIsRejectedAtBootstrapNamingVariableValueAndForm(value: String) {
        let hierarchy = LogHierarchy()
        let environment = LogEnvironment(variables: ["LOG_SHUTDOWN_TIMEOUT": value], outputIsTerminal: false)
        #expect {
            try hierarchy.bootstrap(environment)
        } throws: { error in
            guard case .invalidEnvironment(let environmentError) = error as? LogBootstrapError else { return false }
            return environmentError.variable == "LOG_SHUTDOWN_TIMEOUT" && environmentError.value == value
                && environmentError.description
                    == "LOG_SHUTDOWN_TIMEOUT=\"\(value)\" is invalid; expected a duration: a non-negative number "
                    + "followed by ms or s, such as 500ms or 5s (a bare number is seconds), at most 1 day"
        }
        #expect(hierarchy.root.sinks.isEmpty)
    }
}
