#if SwiftLogBridge
import Foundation
import Testing

/// `LoggingSystem.bootstrap` runs once per process, so these run the test host.
@Suite("swift-log bridge installed in a real process")
struct InstallationTests {
    @Test("one line installs the bridge: swift-log records join the JSON stream with the context")
    func bridgeInstalled() throws {
        let outcome = try HostProcess.run("swiftlog-bridge")
        #expect(outcome.status == 0)
        let objects = outcome.outputLines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        try #require(objects.count == outcome.outputLines.count, "every line is JSON: \(outcome.outputLines)")
        #expect(objects.map { $0["message"] as? String } == ["request", "query", "still shown"])
        let request = try #require(objects.first)
        #expect(request["logger"] as? String == "Hummingbird")
        #expect(request["level"] as? String == "info")
        #expect(request["request_id"] as? String == "r-42")
        #expect(request["hb.request.id"] as? String == "1")
        #expect((request["status"] as? NSNumber)?.intValue == 200, "a number stays a number")
        #expect(objects[1]["logger"] as? String == "com.example.db")
        #expect(objects[1]["request_id"] as? String == "r-42", "child tasks carry the context")
        #expect(objects[2]["request_id"] == nil)
        let second = try #require(outcome.errorLines.first)
        #expect(second.hasPrefix("second install: bridgingSwiftLog was already called (first at LogbookTestHost/"))
        #expect(outcome.errorLines.count == 1, "\(outcome.errorLines)")
    }

    @Test("a plain StreamLogHandler sees the Logbook context through .logContext")
    func contextProvider() throws {
        let outcome = try HostProcess.run("swiftlog-context-provider")
        #expect(outcome.status == 0)
        try #require(outcome.outputLines.count == 2, "\(outcome.outputLines)")
        #expect(outcome.outputLines[0].contains("request_id=r-7"))
        #expect(outcome.outputLines[0].hasSuffix("inside"))
        #expect(!outcome.outputLines[1].contains("request_id"))
    }

    @Test("next to the installed bridge, SwiftLogHandlerSink delivers each record once, without looping")
    func handlerSinkNextToBridge() throws {
        let outcome = try HostProcess.run("swiftlog-handler-sink")
        #expect(outcome.status == 0)
        let objects = outcome.outputLines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        try #require(objects.count == 2, "\(outcome.outputLines)")
        #expect(objects.map { $0["message"] as? String } == ["Request", "handled"])
        #expect(objects.map { $0["hb.request.id"] as? String } == ["7", "7"], "bound on one, provided on the other")
        // swift-log's StreamLogHandler: "<time> info Hummingbird: hb.request.id=7 logger=Hummingbird [...] Request".
        try #require(outcome.errorLines.count == 2, "each record reaches the handler once: \(outcome.errorLines)")
        #expect(outcome.errorLines[0].contains(" info Hummingbird:"))
        #expect(outcome.errorLines[0].contains("hb.request.id=7"))
        #expect(outcome.errorLines[0].hasSuffix(" Request"))
        #expect(outcome.errorLines[1].contains(" info app:"))
        #expect(outcome.errorLines[1].contains("logger=app"))
        #expect(outcome.errorLines[1].contains("status=200"))
        #expect(outcome.errorLines[1].hasSuffix(" handled"))
    }

    @Test("with redaction off, a value nesting without end reaches swift-log handlers cut, not as a crash")
    func unredactedCycle() throws {
        let outcome = try HostProcess.run("swiftlog-unredacted-cycle")
        #expect(outcome.status == 0, "the process overflowed its stack: \(outcome.errorLines.suffix(3))")
        // SwiftLogHandlerSink's handler on standard error, the provider's on standard output.
        try #require(outcome.errorLines.count == 1, "\(outcome.errorLines)")
        #expect(outcome.errorLines[0].contains("[too deep]") && outcome.errorLines[0].hasSuffix(" sink"))
        try #require(outcome.outputLines.count == 1, "\(outcome.outputLines)")
        #expect(outcome.outputLines[0].contains("[too deep]") && outcome.outputLines[0].hasSuffix(" provider"))
    }
}
#endif
