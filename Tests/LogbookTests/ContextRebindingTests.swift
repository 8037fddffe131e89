import Logbook
import LogbookTesting
import Testing

/// A context captured inside a level override and re-bound, over and over: a long-lived
/// worker that keeps the context of its last job and runs the next one inside it.
@Suite("Context re-bound many times keeps a bounded chain")
struct ContextRebindingTests {
    private static let rounds = 20_000

    @Test("level overrides re-bound 20,000 times: a short scope chain, a short override chain")
    func levelOverridesRebound() throws {
        var saved = LogContext(["worker": "w-1"])
        for _ in 0..<Self.rounds {
            saved = LogContext.with(saved) { LogContext.with(level: .debug) { LogContext.current } }
        }
        // Each round added a scope and an override for good: 20,001 scopes, and walking
        // them to read the fields recursed once per scope.
        #expect(saved.levelOverrideChainLength <= 1)
        try #require(saved.scopeChain.count <= 16)
        #expect(saved["worker"] as? String == "w-1")
        #expect(saved.fields.count == 1)
    }

    @Test("a closed override re-bound admits nothing; an open one around it still applies")
    func semanticsKept() {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let log = hierarchy.logger("jobs")
        var saved = LogContext()
        for _ in 0..<100 {
            saved = LogContext.with(saved) { LogContext.with(level: .debug) { LogContext.current } }
        }
        LogContext.with(saved) { log.debug("closed overrides only") }
        var inner = LogContext()
        LogContext.with(level: .trace) {
            inner = LogContext.current
            for _ in 0..<40 {
                inner = LogContext.with(inner) { LogContext.with(level: .debug) { LogContext.current } }
            }
            LogContext.with(inner) { log.trace("the enclosing open override applies") }
            LogContext.with(level: .debug) { log.trace("the innermost open override wins") }
        }
        LogContext.with(inner) { log.trace("all closed now") }
        #expect(sink.records.map(\.message) == ["the enclosing open override applies"])
    }

    @Test("test captures re-bound 20,000 times: a short scope chain")
    func capturesRebound() throws {
        var saved = LogContext()
        let capture = LogCapture()
        for _ in 0..<Self.rounds {
            saved = LogContext.with(saved) { capture.capture { LogContext.current } }
        }
        try #require(saved.scopeChain.count <= 16)
    }
}
