import Logbook
import LogbookTesting
import Testing

@Suite("Last resort")
struct LastResortTests {
    /// A last resort that records what reaches it, at warning and above like the default.
    func hierarchyWithCapturedLastResort() -> (LogHierarchy, InMemorySink) {
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink(level: .warning)
        hierarchy.lastResort = lastResort
        return (hierarchy, lastResort)
    }

    @Test("before bootstrap, warnings and above reach the last resort; lower levels are dropped")
    func beforeBootstrap() {
        let (hierarchy, lastResort) = hierarchyWithCapturedLastResort()
        let library = hierarchy.logger("lib")
        library.info("dropped")
        library.notice("dropped too")
        library.warning("seen")
        library.critical("seen too")
        #expect(lastResort.messages == ["seen", "seen too"])
    }

    @Test("after bootstrap, records reach the configured sink and not the last resort")
    func afterBootstrap() throws {
        let (hierarchy, lastResort) = hierarchyWithCapturedLastResort()
        let app = InMemorySink()
        try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [app]))
        hierarchy.logger("lib").info("info")
        hierarchy.logger("lib").warning("warning")
        #expect(app.messages == ["info", "warning"])
        #expect(lastResort.records.isEmpty)
    }

    @Test("a subtree that does not propagate and has no sink falls back to the last resort")
    func isolatedSubtree() throws {
        let (hierarchy, lastResort) = hierarchyWithCapturedLastResort()
        let app = InMemorySink()
        try hierarchy.bootstrap(LogConfiguration(sinks: [app]))
        hierarchy.logger("island").propagates = false
        hierarchy.logger("island.x").error("nowhere else to go")
        #expect(app.records.isEmpty)
        #expect(lastResort.messages == ["nowhere else to go"])
    }

    @Test("sinks that reject a record by level do not send it to the last resort")
    func rejectedIsNotMissing() {
        let (hierarchy, lastResort) = hierarchyWithCapturedLastResort()
        hierarchy.root.addSink(InMemorySink(level: .critical))
        hierarchy.logger("a").error("rejected by the sink's level")
        #expect(lastResort.records.isEmpty)
    }

    @Test("the last resort can be turned off")
    func disabled() {
        let (hierarchy, lastResort) = hierarchyWithCapturedLastResort()
        hierarchy.lastResort = nil
        hierarchy.logger("lib").critical("dropped")
        #expect(lastResort.records.isEmpty)
        #expect(!hierarchy.logger("lib").isEnabled(.critical))
    }

    @Test("a sink that logs while writing does not recurse: its record goes to the last resort")
    func reentrantSink() {
        let (hierarchy, lastResort) = hierarchyWithCapturedLastResort()
        let inner = InMemorySink()
        let chatty = ChattySink(log: hierarchy.logger("sink.internals"), next: inner)
        hierarchy.root.addSink(chatty)
        hierarchy.logger("app").info("hello")
        #expect(inner.messages == ["hello"])
        #expect(lastResort.messages == ["sink is writing: hello"])
    }
}

/// A sink that logs a warning through the same hierarchy every time it writes.
final class ChattySink: LogSink {
    let log: Log
    let next: InMemorySink

    init(log: Log, next: InMemorySink) {
        self.log = log
        self.next = next
    }

    func write(_ record: LogRecord) {
        log.warning("sink is writing: \(record.message)")
        next.write(record)
    }
}
