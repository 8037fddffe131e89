import Foundation
import Testing

/// LogbookTesting on the process-wide hierarchy, which only a process of its own may touch.
@Suite("LogbookTesting in a real process")
struct LogbookTestingProcessTests {
    @Test("a capture works before bootstrap; a scoped bootstrap leaves the process as it found it")
    func processWide() async throws {
        let outcome = try await TestHost.run("capture-process-wide")
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty, "the captured info record never reached the last resort")
        let lines = outcome.outputLines
        try #require(lines.count == 4, "\(lines)")
        #expect(lines[0] == #"captured: ["debug before bootstrap", "info before bootstrap"]"#)
        #expect(lines[1] == "info enabled after the capture: false")
        #expect(JSONCheck.object(lines[2])?["message"] as? String == "inside the scoped bootstrap")
        #expect(JSONCheck.object(lines[3])?["message"] as? String == "after the application's own bootstrap")
    }

    @Test("expectLogged outside a Swift Testing test says so on standard error instead of passing silently")
    func outsideSwiftTesting() async throws {
        let outcome = try await TestHost.run("expect-outside-swift-testing")
        let lines = outcome.errorLines
        try #require(lines.count == 2, "\(lines)")
        #expect(lines[0].hasPrefix("LogbookTesting: TestingScenarios.swift:"))
        #expect(lines[0].hasSuffix(#"Expected a record with level=error message="missing"; no records were captured"#))
        #expect(lines[1].contains("under XCTest assert on LogCapture.contains"))
    }
}
