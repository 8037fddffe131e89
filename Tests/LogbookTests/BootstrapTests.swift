import Logbook
import LogbookTesting
import Testing

@Suite("Bootstrap")
struct BootstrapTests {
    @Test("bootstrap sets the root level and sinks and reports them")
    func applies() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        let setup = try hierarchy.bootstrap(
            LogConfiguration(level: .debug, sinks: [sink], loggerLevels: ["chatty.dependency": .warning]))
        hierarchy.logger("app").debug("debug")
        hierarchy.logger("chatty.dependency.io").info("dropped")
        #expect(sink.messages == ["debug"])
        #expect(hierarchy.logger("chatty.dependency").level == .warning)
        #expect(
            setup.description
                == "level=debug sinks=[in-memory] loggers=[chatty.dependency=warning] "
                + "redaction=[default keys, sensitive values hidden]")
    }

    @Test("a second bootstrap throws, says so, and names the first call")
    func secondBootstrapThrows() throws {
        let hierarchy = LogHierarchy()
        let first = InMemorySink()
        let firstLine = #line + 1
        try hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [first]))
        let second = InMemorySink()
        #expect {
            try hierarchy.bootstrap(LogConfiguration(level: .trace, sinks: [second]))
        } throws: { error in
            guard case LogBootstrapError.alreadyBootstrapped(let firstCall) = error else { return false }
            return firstCall == "\(#fileID):\(firstLine)" && "\(error)".contains("already called")
        }
        hierarchy.logger("x").debug("still at info")
        hierarchy.logger("x").info("to the first sink")
        #expect(first.messages == ["to the first sink"])
        #expect(second.records.isEmpty)
    }

    @Test("an invalid logger name throws and applies nothing")
    func invalidNameAppliesNothing() {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        #expect {
            try hierarchy.bootstrap(
                LogConfiguration(level: .debug, sinks: [sink], loggerLevels: ["ok": .error, "bad..name": .trace]))
        } throws: { error in
            guard case LogBootstrapError.invalidLoggerName(let nameError) = error else { return false }
            return nameError.name == "bad..name" && "\(error)".contains("\"bad..name\"")
        }
        #expect(hierarchy.root.sinks.isEmpty)
        #expect(hierarchy.root.effectiveLevel == .info)
        #expect(hierarchy.logger("ok").level == nil)
        // Nothing was applied, so bootstrap can still run.
        #expect(throws: Never.self) { try hierarchy.bootstrap(LogConfiguration(sinks: [sink])) }
    }

    @Test("reset returns every logger to its defaults and allows bootstrap again")
    func reset() throws {
        let hierarchy = LogHierarchy()
        let handle = hierarchy.logger("a.b")
        try hierarchy.bootstrap(LogConfiguration(level: .error, sinks: [InMemorySink()]))
        handle.level = .trace
        handle.propagates = false
        hierarchy.reset()
        #expect(handle.level == nil)
        #expect(handle.propagates)
        #expect(hierarchy.root.sinks.isEmpty)
        #expect(hierarchy.root.effectiveLevel == .info)
        let sink = InMemorySink()
        try hierarchy.bootstrap(LogConfiguration(sinks: [sink]))
        handle.info("after reset")
        #expect(sink.messages == ["after reset"])
    }

    @Test("bootstrap while 8 tasks log: no crash, and every record after it reaches the sink")
    func concurrentWithLogging() async throws {
        let hierarchy = LogHierarchy()
        hierarchy.lastResort = nil
        let sink = InMemorySink()
        let bootstrapped = SharedFlag()
        let afterBootstrap = SharedCounter()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let log = hierarchy.logger("worker.\(task)")
                    for index in 0..<2_000 {
                        let seenBootstrap = bootstrapped.isSet
                        log.info("record", ["task": task, "index": index])
                        if seenBootstrap { afterBootstrap.increment() }
                    }
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(2))
                _ = try? hierarchy.bootstrap(LogConfiguration(sinks: [sink]))
                bootstrapped.set()
            }
        }
        #expect(sink.records.count >= afterBootstrap.value)
        #expect(sink.records.count <= 16_000)
        #expect(sink.records.allSatisfy { $0.message == "record" })
    }
}
