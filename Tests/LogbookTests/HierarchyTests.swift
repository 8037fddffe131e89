import Logbook
import LogbookTesting
import Testing

@Suite("Hierarchy: nodes, levels and propagation")
struct HierarchyTests {
    @Test("the same name gives the same node, and configuration is shared")
    func sameNode() {
        let hierarchy = LogHierarchy()
        hierarchy.logger("payments").level = .debug
        #expect(hierarchy.logger("payments").level == .debug)
        #expect(hierarchy.logger("payments.gateway").parent?.name == "payments")
        #expect(hierarchy.logger("payments").parent?.isRoot == true)
    }

    @Test("a logger created before its parent gets the right parent")
    func lateParent() {
        let hierarchy = LogHierarchy()
        let deep = hierarchy.logger("a.b.c")
        let sink = InMemorySink()
        let middle = hierarchy.logger("a.b")
        middle.level = .debug
        middle.addSink(sink)
        #expect(deep.parent?.name == "a.b")
        #expect(deep.effectiveLevel == .debug)
        deep.debug("from the child")
        #expect(sink.messages == ["from the child"])
    }

    @Test("the effective level is the nearest set level; the root defaults to info")
    func effectiveLevel() {
        let hierarchy = LogHierarchy()
        let leaf = hierarchy.logger("a.b.c")
        #expect(hierarchy.root.effectiveLevel == .info)
        #expect(leaf.level == nil)
        #expect(leaf.effectiveLevel == .info)
        hierarchy.logger("a").level = .error
        #expect(leaf.effectiveLevel == .error)
        hierarchy.logger("a.b").level = .trace
        #expect(leaf.effectiveLevel == .trace)
        hierarchy.logger("a.b").level = nil
        #expect(leaf.effectiveLevel == .error)
        hierarchy.root.level = .warning
        #expect(hierarchy.logger("x").effectiveLevel == .warning)
        #expect(leaf.effectiveLevel == .error)
    }

    @Test("level changes are seen at once by handles created earlier")
    func existingHandlesSeeChanges() {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let handle = hierarchy.logger("service.db")
        handle.debug("dropped: root is at info")
        hierarchy.logger("service").level = .debug
        handle.debug("kept")
        hierarchy.logger("service").level = .error
        handle.warning("dropped: service is at error")
        #expect(sink.messages == ["kept"])
    }

    @Test("records go to the logger's sinks, then every ancestor's")
    func propagation() {
        let hierarchy = LogHierarchy()
        let rootSink = InMemorySink()
        let middleSink = InMemorySink()
        let leafSink = InMemorySink()
        hierarchy.root.addSink(rootSink)
        hierarchy.logger("a").addSink(middleSink)
        hierarchy.logger("a.b").addSink(leafSink)
        hierarchy.logger("a.b").info("one")
        hierarchy.logger("a").info("two")
        hierarchy.logger("z").info("three")
        #expect(leafSink.messages == ["one"])
        #expect(middleSink.messages == ["one", "two"])
        #expect(rootSink.messages == ["one", "two", "three"])
    }

    @Test("propagation stops after a logger that does not propagate")
    func propagatesFalse() {
        let hierarchy = LogHierarchy()
        let rootSink = InMemorySink()
        let auditSink = InMemorySink()
        hierarchy.root.addSink(rootSink)
        let audit = hierarchy.logger("audit")
        audit.addSink(auditSink)
        audit.propagates = false
        hierarchy.logger("audit.login").info("login")
        audit.info("direct")
        #expect(auditSink.messages == ["login", "direct"])
        #expect(rootSink.messages.isEmpty)
        audit.propagates = true
        audit.info("again")
        #expect(rootSink.messages == ["again"])
    }

    @Test("each sink applies its own level; ancestor levels do not re-filter propagated records")
    func perSinkLevelsAndNoRefiltering() {
        let hierarchy = LogHierarchy()
        let everything = InMemorySink()
        let warningsOnly = InMemorySink(level: .warning)
        hierarchy.root.addSink(everything)
        hierarchy.root.addSink(warningsOnly)
        hierarchy.root.level = .error
        let chatty = hierarchy.logger("chatty")
        chatty.level = .debug
        chatty.debug("debug from chatty")
        chatty.warning("warning from chatty")
        hierarchy.logger("quiet").warning("dropped: quiet inherits error")
        #expect(everything.messages == ["debug from chatty", "warning from chatty"])
        #expect(warningsOnly.messages == ["warning from chatty"])
    }

    @Test("a sink attached at two levels receives a record once")
    func sinkOnce() {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        hierarchy.logger("a").addSink(sink)
        hierarchy.logger("a").addSink(sink)
        hierarchy.logger("a.b").info("once")
        #expect(sink.messages == ["once"])
        #expect(hierarchy.logger("a").sinks.count == 1)
        hierarchy.logger("a").removeSink(sink)
        #expect(hierarchy.logger("a").sinks.isEmpty)
    }

    @Test("a sink given twice to bootstrap is attached once and receives a record once")
    func bootstrapSinkOnce() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [sink, sink]))
        hierarchy.root.info("from the root")
        hierarchy.logger("a").info("from a")
        #expect(sink.messages == ["from the root", "from a"])
        #expect(hierarchy.root.sinks.count == 1)
    }

    @Test("logger filters apply where the record is created; sink filters apply at the sink")
    func filters() {
        let hierarchy = LogHierarchy()
        let all = InMemorySink()
        let noHealth = InMemorySink(filters: [LogFilter { !$0.message.hasPrefix("health") }])
        hierarchy.root.addSink(all)
        hierarchy.root.addSink(noHealth)
        let http = hierarchy.logger("http")
        http.addFilter(LogFilter { $0.message != "secret" })
        http.info("secret")
        hierarchy.logger("http.router").info("secret")  // not filtered: created below http
        http.info("health check")
        #expect(all.messages == ["secret", "health check"])
        #expect(noHealth.messages == ["secret"])
        http.removeAllFilters()
        http.info("secret")
        #expect(all.messages.last == "secret")
        #expect(all.messages.count == 3)
    }

    @Test("a disabled call evaluates neither its message nor its fields")
    func disabledIsLazy() {
        let hierarchy = LogHierarchy()
        hierarchy.root.addSink(InMemorySink())
        let log = hierarchy.logger("lazy")
        nonisolated(unsafe) var evaluations = 0
        func expensive() -> String {
            evaluations += 1
            return "expensive"
        }
        func fields() -> LogFields {
            evaluations += 1
            return ["k": 1]
        }
        log.debug(expensive(), fields())
        #expect(evaluations == 0)
        log.info(expensive(), fields())
        #expect(evaluations == 2)
    }

    @Test("isEnabled reflects the level and whether anything would receive the record")
    func isEnabled() {
        let hierarchy = LogHierarchy()
        hierarchy.lastResort = nil
        let log = hierarchy.logger("a")
        #expect(!log.isEnabled(.critical), "no sink and no last resort: nothing is delivered")
        hierarchy.root.addSink(InMemorySink(level: .notice))
        #expect(!log.isEnabled(.info), "the only sink starts at notice")
        #expect(log.isEnabled(.notice))
        log.level = .error
        #expect(!log.isEnabled(.warning))
        #expect(log.isEnabled(.error))
    }

    @Test("child(_:) names a descendant")
    func child() {
        let hierarchy = LogHierarchy()
        #expect(hierarchy.logger("payments").child("gateway").name == "payments.gateway")
        #expect(hierarchy.root.child("top").name == "top")
        #expect(hierarchy.logger("a").child("").name == "a")
    }

    @Test("child(_:) normalizes its suffix as Log(_:) does, root segments only at the top")
    func childNormalizesItsSuffix() {
        let hierarchy = LogHierarchy()
        let parent = hierarchy.logger("a")
        #expect(parent.child(" b . c\t").name == "a.b.c")
        #expect(parent.child("x y").name == "a.x_y")
        #expect(parent.child(" . ").name == "a")
        #expect(parent.child("root").name == "a.root", "root is a plain segment below the top")
        #expect(hierarchy.root.child("root.root.x").name == "x")
        #expect(hierarchy.root.child(" root ").isRoot)
        #expect(parent.child("b").parent?.name == "a")
    }

    /// Each row checked by hand against `Log.child(_:)` as it was before it went through the
    /// hierarchy's `logger(_:)` (7ff2da7): the suffix normalized on its own, then appended.
    @Test(
        "child(_:) gives the logger it always gave, for odd parents and names",
        arguments: [
            ("a", ".b", "a.b"), ("a", "b.", "a.b"), ("a", "b..c", "a.b.c"), ("a", "..", "a"), ("a", " \t ", "a"),
            ("a", "root.b", "a.root.b"), ("a", " root ", "a.root"), ("root", "root", "root"), ("", "b", "b"),
            ("root", ".root.b.", "b"), (" a . b ", "c", "a.b.c"), ("root.a", "b", "a.b"),
            ("a", "\u{85}b\u{85}", "a.b"), ("a", "x\u{0}y", "a.x_y"), ("é", "ü.日本", "é.ü.日本"),
            ("a", "\u{301}b", "a.\u{301}b"),
            // U+0600 is a prepend mark: the dot after it joins its Character, so only the suffix may be
            // normalized (the whole name would keep that dot, or put a space inside a segment).
            ("a\u{600}", "", "a\u{600}"), ("a\u{600}", " ", "a\u{600}"), ("a\u{600}", ".b", "a\u{600}.b"),
            ("a\u{600}", "\u{85}b\u{85}", "a\u{600}.b"),
            ("a", String(repeating: " s .", count: 2_000), "a" + String(repeating: ".s", count: 2_000)),
            ("p" + String(repeating: ".p", count: 1_999), "c", String(repeating: "p.", count: 2_000) + "c"),
        ])
    func childOfOddNames(parent: String, name: String, expected: String) {
        let hierarchy = LogHierarchy()
        let child = hierarchy.logger(parent).child(name)
        #expect(child.name == expected)
        child.level = .trace
        #expect(hierarchy.logger(expected).level == .trace, "the same node as the logger named \(expected)")
    }
}
