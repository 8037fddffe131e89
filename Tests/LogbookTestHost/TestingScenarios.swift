import Logbook
import LogbookTesting
import Testing

/// Scenarios for LogbookTesting on the process-wide hierarchy, which unit tests never touch.
enum TestingScenarios {
    static let all: [String: Scenario] = [
        "capture-process-wide": captureProcessWide,
        "expect-outside-swift-testing": expectOutsideSwiftTesting,
    ]

    /// A capture before bootstrap, then a scoped bootstrap, then the application's own.
    static func captureProcessWide(_ arguments: [String]) async -> Int32 {
        let app = Log("app")
        let logs = LogCapture()
        await logs.capture {
            app.debug("debug before bootstrap")
            await Task.yield()
            app.info("info before bootstrap")
        }
        // Unbuffered, so these lines keep their place among the sink's.
        writeLine("captured: \(logs.messages)")
        writeLine("info enabled after the capture: \(app.isEnabled(.info))")
        let json = LogConfiguration(level: .info, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])
        do {
            try await withScopedLogBootstrap(json) {
                app.info("inside the scoped bootstrap")
            }
            app.info("after the scope: no sink, dropped")
            try Log.bootstrap(json)
            app.info("after the application's own bootstrap")
        } catch {
            writeLine("unexpected: \(error)")
            return 1
        }
        return 0
    }

    /// `expectLogged` where no Swift Testing test runs (as under XCTest): it must not pass
    /// silently.
    static func expectOutsideSwiftTesting(_ arguments: [String]) async -> Int32 {
        let logs = LogCapture()
        logs.expectLogged(level: .error, message: "missing")
        return 0
    }

    private static func writeLine(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { bytes in _ = write(1, bytes.baseAddress, bytes.count) }
    }
}
