import Logbook
import LogbookTesting
import Testing

/// A private hierarchy whose last resort drops records, so tests that log warnings with
/// no sink print nothing.
func quietHierarchy() -> LogHierarchy {
    let hierarchy = LogHierarchy()
    hierarchy.lastResort = nil
    return hierarchy
}

@Suite("LogCapture: records of one task tree")
struct LogCaptureTests {
    @Test("records created inside the operation are captured, with their context; outside ones are not")
    func capturesTheOperation() async {
        let hierarchy = quietHierarchy()
        let log = hierarchy.logger("payments")
        let logs = LogCapture(level: .trace)
        log.warning("before")
        await logs.capture {
            await LogContext.with(["request_id": "r-1"]) {
                log.info("charge created", ["amount": 42])
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { log.debug("in a child task") }
                }
            }
        }
        log.warning("after")
        #expect(logs.messages == ["charge created", "in a child task"])
        #expect(logs.records.allSatisfy { $0.context["request_id"]?.logValue == "r-1" })
        #expect(logs.contains(level: .info, message: "charge created", logger: "payments", fields: ["amount": 42]))
        #expect(logs.contains(fields: ["request_id": "r-1"]), "context fields count as fields")
    }

    @Test("a capture adds no field: the context stays empty, or keeps exactly its fields")
    func captureAddsNoField() {
        let hierarchy = quietHierarchy()
        let logs = LogCapture(level: .trace)
        logs.capture {
            #expect(LogContext.current.isEmpty)
            #expect(LogContext.current.fields.isEmpty)
            LogContext.with(["k": 1]) {
                #expect(!LogContext.current.isEmpty)
                #expect(LogContext.current.fields == ["k": 1])
            }
        }
        LogContext.with(["outer": true]) {
            logs.capture {
                #expect(LogContext.current.fields == ["outer": true])
                hierarchy.logger("a").info("inside")
            }
        }
        #expect(logs.records.first?.mergedFields == ["outer": true])
    }

    @Test("a context chain deep enough to be collapsed keeps the capture")
    func deepContextKeepsCapture() {
        let hierarchy = quietHierarchy()
        let logs = LogCapture(level: .trace)
        func nest(_ depth: Int) {
            if depth == 0 {
                hierarchy.logger("deep").info("bottom")
                return
            }
            LogContext.with(["depth": depth]) { nest(depth - 1) }
        }
        logs.capture { nest(40) }
        #expect(logs.messages == ["bottom"])
        #expect(logs.records.first?.context["depth"]?.logValue == 1)
    }

    @Test("captures in concurrent tasks never see each other's records")
    func parallelCapturesAreIsolated() async {
        let hierarchy = quietHierarchy()
        let log = hierarchy.logger("shared.logger")
        let captures = (0..<8).map { _ in LogCapture(level: .trace) }
        await withTaskGroup(of: Void.self) { group in
            for (index, logs) in captures.enumerated() {
                group.addTask {
                    await logs.capture {
                        for step in 0..<50 {
                            log.info("task \(index)", ["step": step])
                            await Task.yield()
                        }
                    }
                }
            }
        }
        for (index, logs) in captures.enumerated() {
            #expect(logs.records.count == 50)
            #expect(Set(logs.messages) == ["task \(index)"])
        }
    }

    @Test("records below the hierarchy's levels reach the capture but not the sinks")
    func levelsDoNotHideRecordsFromTheCapture() {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let log = hierarchy.logger("payments")
        let logs = LogCapture(level: .trace)
        #expect(!log.isEnabled(.debug))
        logs.capture {
            #expect(log.isEnabled(.trace))
            log.trace("trace")
            log.info("info")
        }
        #expect(!log.isEnabled(.debug), "the gate is restored when the capture ends")
        #expect(logs.messages == ["trace", "info"])
        #expect(sink.messages == ["info"])
    }

    @Test("before bootstrap an info record is captured and does not reach the last resort")
    func beforeBootstrap() {
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink(level: .warning)
        hierarchy.lastResort = lastResort
        let log = hierarchy.logger("lib")
        let logs = LogCapture(level: .info)
        logs.capture {
            log.debug("below the capture's level")
            log.info("info")
            log.warning("warning")
        }
        #expect(logs.messages == ["info", "warning"])
        #expect(lastResort.messages == ["warning"])
    }

    @Test("a detached task is captured only when it re-binds the context")
    func detachedTasks() async {
        let hierarchy = quietHierarchy()
        let log = hierarchy.logger("worker")
        let logs = LogCapture(level: .trace)
        await logs.capture {
            await Task.detached { log.info("lost: detached without the context") }.value
            let context = LogContext.current
            await Task.detached { LogContext.with(context) { log.info("re-bound") } }.value
        }
        #expect(logs.messages == ["re-bound"])
    }

    @Test("a context kept from a finished capture no longer feeds it")
    func closedCapture() {
        let hierarchy = quietHierarchy()
        hierarchy.root.addSink(InMemorySink())
        let log = hierarchy.logger("worker")
        let logs = LogCapture(level: .trace)
        let kept = logs.capture { LogContext.current }
        LogContext.with(kept) { log.info("after the capture ended") }
        #expect(logs.records.isEmpty)
    }

    @Test("nested captures: a record reaches every enclosing capture whose level it meets")
    func nesting() {
        let hierarchy = quietHierarchy()
        let log = hierarchy.logger("a")
        let outer = LogCapture(level: .info)
        let inner = LogCapture(level: .trace)
        outer.capture {
            log.info("outer only")
            inner.capture {
                log.debug("inner only")
                log.error("both")
            }
        }
        #expect(outer.messages == ["outer only", "both"])
        #expect(inner.messages == ["inner only", "both"])
    }

    @Test("a capture nested in itself (a helper that captures with the test's capture) keeps each record once")
    func nestedInItself() {
        let hierarchy = quietHierarchy()
        let logs = LogCapture(level: .debug)
        let outer = LogCapture(level: .trace)
        outer.capture {
            logs.capture {
                hierarchy.logger("a").info("before")
                logs.capture { hierarchy.logger("a").info("inside") }
                hierarchy.logger("a").info("after")
            }
        }
        #expect(logs.messages == ["before", "inside", "after"])
        #expect(outer.messages == ["before", "inside", "after"])
    }

    @Test("a logger's filters apply to captured records too")
    func loggerFiltersApply() {
        let hierarchy = quietHierarchy()
        let log = hierarchy.logger("http")
        log.addFilter(LogFilter { $0.message != "health check" })
        let logs = LogCapture(level: .trace)
        logs.capture {
            log.info("health check")
            log.info("request")
        }
        #expect(logs.messages == ["request"])
    }

    @Test("fields match by typed value, from any layer, as a subset")
    func fieldMatching() {
        let hierarchy = quietHierarchy()
        let log = hierarchy.logger("payments").with(["component": "refunds"])
        let logs = LogCapture(level: .trace)
        logs.capture { log.info("refund", ["amount": 42, "currency": "EUR"]) }
        #expect(logs.contains(fields: ["amount": 42]))
        #expect(logs.contains(fields: ["amount": 42, "component": "refunds"]))
        #expect(!logs.contains(fields: ["amount": "42"]), "a string is not an integer")
        #expect(!logs.contains(fields: ["amount": 42.0]), "a double is not an integer")
        #expect(!logs.contains(fields: ["missing": 1]))
        #expect(!logs.contains(level: .error))
        #expect(logs.records(level: .info, fields: ["currency": "EUR"]).count == 1)
        logs.removeAll()
        #expect(logs.records.isEmpty)
    }

    @Test("expectLogged returns the match and records nothing when it is there")
    func expectLoggedPasses() throws {
        let hierarchy = quietHierarchy()
        let logs = LogCapture(level: .trace)
        logs.capture { hierarchy.logger("payments").error("charge failed", ["amount": 42]) }
        let record = try #require(logs.expectLogged(level: .error, message: "charge failed", fields: ["amount": 42]))
        #expect(record.logger == "payments")
        logs.expectNotLogged(level: .warning)
    }

    @Test("a failed expectLogged reports at the test's line and lists what was captured")
    func expectLoggedFailsAtCaller() {
        let hierarchy = quietHierarchy()
        let logs = LogCapture(level: .trace)
        logs.capture { hierarchy.logger("payments").error("charge failed", ["amount": "42"]) }
        let expectedLine = #line + 2
        withKnownIssue {
            logs.expectLogged(level: .error, message: "charge failed", fields: ["amount": 42])
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            return issue.sourceLocation?.fileID == #fileID && issue.sourceLocation?.line == expectedLine
                && text.contains(#"Expected a record with level=error message="charge failed" fields={amount=42}"#)
                && text.contains(#"error payments: "charge failed" {amount="42"}"#)
        }
    }

    @Test("a failed expectNotLogged reports at the test's line with the matching records")
    func expectNotLoggedFailsAtCaller() {
        let hierarchy = quietHierarchy()
        let logs = LogCapture(level: .trace)
        logs.capture { hierarchy.logger("payments").error("charge failed") }
        let expectedLine = #line + 2
        withKnownIssue {
            logs.expectNotLogged(level: .error)
        } matching: { issue in
            issue.sourceLocation?.line == expectedLine
                && issue.comments.map(\.rawValue).joined().contains("matching 1 record:")
        }
    }

    @Test("the description lists every record with typed field values")
    func description() {
        let hierarchy = quietHierarchy()
        let logs = LogCapture(level: .trace)
        #expect(logs.description == "no records captured")
        logs.capture {
            hierarchy.logger("a").info("one \"quoted\"", ["n": 1, "s": "x", "list": [1, 2]])
            hierarchy.root.warning("two")
        }
        #expect(
            logs.description == """
                info a: "one \\"quoted\\"" {n=1, s="x", list=[1, 2]}
                warning root: "two"
                """)
    }
}
