import Logbook
import LogbookTesting
import Testing

@Suite("LogContext.with(level:): a level for one task tree")
struct LevelOverrideTests {
    @Test("debug records inside the override reach the sinks, child tasks included; concurrent tasks outside do not")
    func onlyInsideTheTree() async {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let log = hierarchy.logger("repo")
        #expect(!log.isEnabled(.debug))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await LogContext.with(["request": "debugged"]) {
                    await LogContext.with(level: .debug) {
                        log.debug("inside")
                        await withTaskGroup(of: Void.self) { inner in
                            inner.addTask { log.debug("child task") }
                        }
                        log.trace("below the override")
                    }
                }
            }
            for index in 0..<4 {
                group.addTask {
                    await LogContext.with(["request": "plain-\(index)"]) {
                        for _ in 0..<50 {
                            log.debug("outside")
                            await Task.yield()
                        }
                        log.info("plain info")
                    }
                }
            }
        }
        let debug = sink.records.filter { $0.level < .info }
        #expect(Set(debug.map(\.message)) == ["inside", "child task"])
        #expect(debug.count == 2)
        #expect(debug.allSatisfy { $0.context["request"]?.logValue == "debugged" })
        #expect(sink.records.filter { $0.message == "plain info" }.count == 4)
        log.debug("after")
        #expect(!sink.messages.contains("after"))
    }

    @Test(
        "isEnabled answers for the current task: inside the override, its innermost level; after, the configuration's")
    func gatesRestored() async {
        let hierarchy = quietHierarchy()
        hierarchy.root.addSink(InMemorySink(level: .trace))
        let log = hierarchy.logger("svc")
        #expect(log.lowestEnabledLevel == .info)
        LogContext.with(level: .trace) {
            #expect(log.lowestEnabledLevel == .trace)
            #expect(log.isEnabled(.trace))
            LogContext.with(level: .debug) {
                #expect(log.lowestEnabledLevel == .debug, "the innermost override")
                #expect(!log.isEnabled(.trace))
            }
        }
        #expect(log.lowestEnabledLevel == .info)
        #expect(!log.isEnabled(.debug))
        // Another task's override does not enable debug here, nor create records here.
        let sink = InMemorySink()
        log.addSink(sink)
        let evaluations = SharedCounter()
        await LogContext.with(level: .debug) {
            await Task.detached {
                #expect(!log.isEnabled(.debug))
                #expect(log.lowestEnabledLevel == .info)
                log.debug(
                    {
                        evaluations.increment()
                        return "elsewhere"
                    }())
            }.value
        }
        #expect(evaluations.value == 0, "a record outside any override is not even created")
        #expect(sink.records.isEmpty)
    }

    @Test("sinks' own levels and filters still apply")
    func sinkLevelsApply() {
        let hierarchy = quietHierarchy()
        let infoSink = InMemorySink(level: .info)
        let allSink = InMemorySink(level: .trace)
        let noisyFilter = InMemorySink(level: .trace, filters: [LogFilter { $0.message != "noisy" }])
        hierarchy.root.addSink(infoSink)
        hierarchy.root.addSink(allSink)
        hierarchy.root.addSink(noisyFilter)
        hierarchy.root.level = .warning
        let log = hierarchy.logger("svc")
        LogContext.with(level: .debug) {
            log.debug("detail")
            log.debug("noisy")
            log.info("event")
        }
        #expect(infoSink.messages == ["event"])
        #expect(allSink.messages == ["detail", "noisy", "event"])
        #expect(noisyFilter.messages == ["detail", "event"])
    }

    @Test("the override only lowers; nested overrides: the innermost wins")
    func nesting() {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        hierarchy.logger("verbose").level = .trace
        LogContext.with(level: .warning) {
            hierarchy.logger("verbose").debug("still written: the logger's own level is lower")
            hierarchy.logger("quiet").debug("not written")
            LogContext.with(level: .debug) {
                hierarchy.logger("quiet").debug("inner override")
            }
            hierarchy.logger("quiet").debug("not written either")
        }
        #expect(sink.messages == ["still written: the logger's own level is lower", "inner override"])
    }

    @Test("a context captured inside an override and re-bound after it ended admits nothing, even while gates are low")
    func endedOverrideAdmitsNothing() {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let log = hierarchy.logger("svc")
        let kept = LogContext.with(level: .debug) { LogContext.current }
        // Another override (and an open capture) keep the process-wide gates lowered.
        LogCapture(level: .trace).capture {
            LogContext.with(level: .trace) {
                LogContext.with(kept) {
                    log.debug("from a stale context")
                    LogContext.with(level: .debug) { log.debug("inside a new override") }
                }
            }
        }
        #expect(sink.messages == ["inside a new override"])
    }

    @Test("a test capture keeps working inside and around an override")
    func captureStillWorks() {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let log = hierarchy.logger("svc")
        let capture = LogCapture(level: .trace)
        capture.capture {
            log.trace("t0")
            LogContext.with(level: .debug) {
                log.trace("t1")
                log.debug("d1")
            }
            log.debug("d2")
        }
        #expect(capture.messages == ["t0", "t1", "d1", "d2"])
        #expect(sink.messages == ["d1"])
    }

    @Test("interleaved with captures: an override feeds no capture, a capture opens no sink, each ends with its scope")
    func interleavedWithCaptures() {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        hierarchy.root.level = .error
        let log = hierarchy.logger("svc")
        let outer = LogCapture(level: .warning)
        let inner = LogCapture(level: .debug)
        var kept = LogContext()
        outer.capture {
            log.warning("w0")
            LogContext.with(level: .info) {
                log.debug("d1")
                log.info("i1")
                inner.capture {
                    log.debug("d2")
                    log.info("i2")
                    LogContext.with(level: .debug) {
                        log.debug("d3")
                        kept = LogContext.current
                    }
                    log.warning("w2")
                }
                log.debug("d4")
            }
            log.info("i5")
            log.error("e5")
        }
        LogContext.with(kept) {
            log.debug("stale")
            log.warning("stale")
        }
        #expect(sink.messages == ["i1", "i2", "d3", "w2", "e5"])
        #expect(outer.messages == ["w0", "w2", "e5"])
        #expect(inner.messages == ["d2", "i2", "d3", "w2"])
        #expect(!log.isEnabled(.warning))
    }

    @Test("the override reaches loggers of every hierarchy and throws through")
    func everyHierarchyAndThrows() throws {
        struct Failure: Error {}
        let first = quietHierarchy()
        let second = quietHierarchy()
        let sinks = [InMemorySink(), InMemorySink()]
        first.root.addSink(sinks[0])
        second.root.addSink(sinks[1])
        #expect(throws: Failure.self) {
            try LogContext.with(level: .debug) {
                first.logger("a").debug("one")
                second.logger("b").debug("two")
                throw Failure()
            }
        }
        #expect(sinks[0].messages == ["one"])
        #expect(sinks[1].messages == ["two"])
        #expect(!first.logger("a").isEnabled(.debug))
    }
}
