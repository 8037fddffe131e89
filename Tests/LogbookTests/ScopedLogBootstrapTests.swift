import Logbook
import LogbookTesting
import Testing

@Suite("Scoped bootstrap for tests")
struct ScopedLogBootstrapTests {
    @Test("the configuration applies inside and everything before is put back after")
    func appliesAndRestores() async throws {
        let hierarchy = quietHierarchy()
        let before = InMemorySink()
        let inside = InMemorySink()
        try hierarchy.bootstrap(LogConfiguration(level: .notice, sinks: [before]))
        hierarchy.logger("payments").level = .debug
        hierarchy.logger("audit").propagates = false
        var configuration = LogConfiguration(level: .error, sinks: [inside])
        configuration.loggerLevels = ["db": .warning]
        try await withScopedLogBootstrap(configuration, hierarchy: hierarchy) {
            #expect(hierarchy.root.level == .error)
            #expect(hierarchy.root.sinks.map(ObjectIdentifier.init) == [ObjectIdentifier(inside)])
            #expect(hierarchy.logger("payments").level == nil)
            #expect(hierarchy.logger("audit").propagates)
            #expect(hierarchy.logger("db").level == .warning)
            hierarchy.logger("created.inside").level = .trace
            hierarchy.logger("payments").error("inside")
        }
        #expect(hierarchy.root.level == .notice)
        #expect(hierarchy.root.sinks.map(ObjectIdentifier.init) == [ObjectIdentifier(before)])
        #expect(hierarchy.logger("payments").level == .debug)
        #expect(!hierarchy.logger("audit").propagates)
        #expect(hierarchy.logger("db").level == nil)
        #expect(hierarchy.logger("created.inside").level == nil)
        #expect(hierarchy.logger("created.inside").parent?.name == "created", "the tree keeps its nodes")
        #expect(inside.messages == ["inside"])
        #expect(before.messages.isEmpty)
        hierarchy.logger("payments").info("after")
        #expect(before.messages == ["after"])
        #expect(throws: LogBootstrapError.self, "the hierarchy is bootstrapped again, as before") {
            try hierarchy.bootstrap(LogConfiguration())
        }
    }

    @Test("redaction rules a scoped bootstrap installs are put back after it")
    func redactionRulesRestored() async throws {
        // A key no other test uses: the rules are process-wide, and parallel tests format.
        let record = LogRecord(level: .info, logger: "scoped", message: "m", fields: ["scope_only_secret": "visible"])
        let extended = LogConfiguration(redaction: LogRedaction.default.adding(["scope_only_secret"]))
        try await withScopedLogBootstrap(extended) {
            #expect(JSONFormatter().format(record).contains(#""scope_only_secret":"[REDACTED]""#))
        }
        #expect(JSONFormatter().format(record).contains(#""scope_only_secret":"visible""#))
    }

    @Test("with no configuration the operation can run the application's own bootstrap")
    func applicationBootstrapInside() async throws {
        let hierarchy = quietHierarchy()
        let sink = InMemorySink()
        try await withScopedLogBootstrap(nil, hierarchy: hierarchy) {
            try hierarchy.bootstrap(LogConfiguration(level: .debug, sinks: [sink]))
            #expect(hierarchy.logger("x").effectiveLevel == .debug)
        }
        #expect(hierarchy.root.sinks.isEmpty)
        #expect(hierarchy.logger("x").effectiveLevel == .info)
        try hierarchy.bootstrap(LogConfiguration())  // never bootstrapped before: allowed again
    }

    @Test("an error thrown by the operation still restores, and reaches the caller")
    func restoresOnError() async {
        let hierarchy = quietHierarchy()
        await #expect(throws: ScopeError.self) {
            try await withScopedLogBootstrap(LogConfiguration(level: .critical), hierarchy: hierarchy) {
                throw ScopeError()
            }
        }
        #expect(hierarchy.root.level == nil)
    }

    @Test("an invalid configuration throws before the operation runs and changes nothing")
    func invalidConfiguration() async {
        let hierarchy = quietHierarchy()
        hierarchy.root.level = .warning
        let ran = LockedState(false)
        await #expect(throws: LogBootstrapError.self) {
            try await withScopedLogBootstrap(
                LogConfiguration(loggerLevels: ["bad..name": .debug]), hierarchy: hierarchy
            ) {
                ran.withLock { $0 = true }
            }
        }
        #expect(!ran.withLock { $0 })
        #expect(hierarchy.root.level == .warning)
    }

    @Test("scoped bootstraps run one at a time; a nested one does not wait for its parent")
    func serialized() async throws {
        let active = ActiveCount()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await withScopedLogBootstrap(LogConfiguration(), hierarchy: LogHierarchy()) {
                        active.enter()
                        for _ in 0..<20 { await Task.yield() }
                        try await withScopedLogBootstrap(nil, hierarchy: LogHierarchy()) {}
                        active.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(active.most == 1)
    }

    @Test("nested scoped bootstraps started side by side wait for each other too")
    func nestedSiblingsSerialized() async throws {
        let hierarchy = quietHierarchy()
        let active = ActiveCount()
        // A suite-wide scoped bootstrap around tests that run in parallel and each use one.
        try await withScopedLogBootstrap(LogConfiguration(level: .error), hierarchy: hierarchy) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        let level: LogLevel = index.isMultiple(of: 2) ? .debug : .warning
                        try await withScopedLogBootstrap(LogConfiguration(level: level), hierarchy: hierarchy) {
                            active.enter()
                            for _ in 0..<20 {
                                #expect(hierarchy.root.effectiveLevel == level)
                                await Task.yield()
                            }
                            // A scoped bootstrap nested in this one still does not wait for it.
                            try await withScopedLogBootstrap(nil, hierarchy: hierarchy) {}
                            active.leave()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(hierarchy.root.effectiveLevel == .error)
        }
        #expect(active.most == 1)
        #expect(hierarchy.root.effectiveLevel == .info)
    }

    @Test("usable from a main-actor test, touching main-actor state inside")
    @MainActor
    func mainActor() async throws {
        let hierarchy = quietHierarchy()
        var seen: [LogLevel] = []
        let logs = LogCapture(level: .trace)
        try await withScopedLogBootstrap(LogConfiguration(level: .debug), hierarchy: hierarchy) {
            seen.append(hierarchy.root.effectiveLevel)
            await logs.capture {
                await Task.yield()
                seen.append(hierarchy.logger("ui").effectiveLevel)
                hierarchy.logger("ui").debug("on the main actor")
            }
        }
        #expect(seen == [.debug, .debug])
        #expect(logs.messages == ["on the main actor"])
    }

    @Test("captures stay open across a scoped bootstrap")
    func captureSurvivesRestore() async throws {
        let hierarchy = quietHierarchy()
        let logs = LogCapture(level: .debug)
        try await logs.capture {
            try await withScopedLogBootstrap(LogConfiguration(level: .error), hierarchy: hierarchy) {
                hierarchy.logger("a").debug("inside the scope")
            }
            hierarchy.logger("a").debug("after the scope")
        }
        #expect(logs.messages == ["inside the scope", "after the scope"])
    }
}

private struct ScopeError: Error {}

/// How many tasks are inside a section now, and the most there ever were at once.
private final class ActiveCount: Sendable {
    private let counts = LockedState((now: 0, most: 0))

    var most: Int { counts.withLock { $0.most } }

    func enter() {
        counts.withLock { counts in
            counts.now += 1
            counts.most = max(counts.most, counts.now)
        }
    }

    func leave() {
        counts.withLock { $0.now -= 1 }
    }
}
