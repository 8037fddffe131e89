#if SwiftLogBridge
import Logbook
import LogbookSwiftLog
import LogbookTesting
import Logging
import Testing

/// A swift-log `Logger` whose handler bridges into `hierarchy`, as the installed bridge
/// would, without touching the process-wide `LoggingSystem`.
func bridgedLogger(
    _ label: String,
    in hierarchy: LogHierarchy,
    metadataProvider: Logger.MetadataProvider? = nil
) -> Logger {
    Logger(label: label) { LogbookLogHandler(label: $0, hierarchy: hierarchy, metadataProvider: metadataProvider) }
}

@Suite("swift-log bridge: names, levels, records")
struct BridgeTests {
    @Test("the label is the logger name: a plain label and a dotted one")
    func labelIsLoggerName() {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let dbSink = InMemorySink()
        hierarchy.logger("com.example").addSink(dbSink)
        bridgedLogger("Hummingbird", in: hierarchy).info("server started")
        bridgedLogger("com.example.db", in: hierarchy).info("connected")
        #expect(sink.records.map(\.logger) == ["Hummingbird", "com.example.db"])
        // The dotted label sits below com.example in the tree, so com.example's sink sees it.
        #expect(dbSink.records.map(\.message) == ["connected"])
    }

    @Test("levels map one to one", arguments: Logger.Level.allCases)
    func levelsMap(level: Logger.Level) throws {
        let hierarchy = LogHierarchy()
        hierarchy.root.level = .trace
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        bridgedLogger("lib", in: hierarchy).log(level: level, "at \(level)")
        let record = try #require(sink.records.first)
        #expect(record.level.name == level.rawValue)
        #expect(Logger.Level(record.level) == level)
    }

    @Test("the hierarchy decides, and a change takes effect on an existing Logger at once")
    func hierarchyDecides() {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let logger = bridgedLogger("Hummingbird", in: hierarchy)
        #expect(logger.logLevel == .info)
        logger.debug("dropped: root is at info")
        logger.info("kept 1")
        hierarchy.logger("Hummingbird").level = .warning
        #expect(logger.logLevel == .warning)
        logger.info("dropped: Hummingbird is at warning")
        logger.warning("kept 2")
        hierarchy.root.level = .trace
        #expect(logger.logLevel == .warning, "Hummingbird's own level still applies")
        hierarchy.logger("Hummingbird").level = nil
        #expect(logger.logLevel == .trace)
        logger.trace("kept 3")
        #expect(sink.messages == ["kept 1", "kept 2", "kept 3"])
    }

    @Test("a disabled swift-log call does not build its message")
    func disabledCallIsLazy() {
        let hierarchy = LogHierarchy()
        hierarchy.root.addSink(InMemorySink())
        let logger = bridgedLogger("lib", in: hierarchy)
        let evaluations = LockedState(0)
        func expensive() -> String {
            evaluations.withLock { $0 += 1 }
            return "expensive"
        }
        logger.debug("\(expensive())")
        #expect(evaluations.withLock { $0 } == 0)
        logger.info("\(expensive())")
        #expect(evaluations.withLock { $0 } == 1)
    }

    @Test("with no sink anywhere only the last resort's levels are enabled")
    func nothingConfigured() {
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink(level: .warning)
        hierarchy.lastResort = lastResort
        let logger = bridgedLogger("lib", in: hierarchy)
        #expect(logger.logLevel == .warning)
        logger.info("dropped")
        logger.error("to the last resort")
        hierarchy.lastResort = nil
        #expect(logger.logLevel == .critical)
        logger.critical("dropped: nothing receives it")
        #expect(lastResort.messages == ["to the last resort"])
    }

    @Test("setting logLevel quiets only that Logger value and never enables more than the hierarchy")
    func localLevelOnlyQuiets() {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        var quiet = bridgedLogger("lib", in: hierarchy)
        var loud = quiet
        quiet.logLevel = .error
        loud.logLevel = .debug
        #expect(quiet.logLevel == .error)
        #expect(loud.logLevel == .info, "the hierarchy (info) wins over a lower local level")
        quiet.warning("dropped by the local level")
        loud.debug("dropped by the hierarchy")
        loud.warning("kept")
        quiet.error("kept too")
        #expect(sink.messages == ["kept", "kept too"])
    }

    @Test("error, file, function and line come from the swift-log call")
    func sourceLocation() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let line: UInt = #line + 1
        bridgedLogger("lib", in: hierarchy).error("failed", error: BridgeTestError())
        let record = try #require(sink.records.first)
        #expect(record.error is BridgeTestError)
        #expect(record.file == #fileID)
        #expect(record.function == #function)
        #expect(record.line == line)
    }

    @Test("records from swift-log carry the task-local context, in child tasks too")
    func contextIsCarried() async throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let logger = bridgedLogger("Hummingbird", in: hierarchy)
        await LogContext.with(["request_id": "r-42"]) {
            logger.info("request")
            await withTaskGroup(of: Void.self) { group in
                group.addTask { logger.info("from a child task") }
            }
        }
        logger.info("outside")
        let ids = sink.records.map { $0.context["request_id"]?.logValue }
        #expect(ids == ["r-42", "r-42", nil])
    }

    @Test("the bridge's records reach a LogCapture like native ones")
    func captured() {
        let hierarchy = LogHierarchy()
        let logs = LogCapture(level: .debug)
        let logger = bridgedLogger("Hummingbird", in: hierarchy)
        #expect(logger.logLevel == .warning, "before the capture only the last resort listens")
        logs.capture {
            #expect(logger.logLevel == .debug)
            logger.debug("captured although the hierarchy would drop it", metadata: ["port": "\(8080)"])
        }
        logs.expectLogged(level: .debug, logger: "Hummingbird", fields: ["port": "8080"])
    }
}

struct BridgeTestError: Error {}
#endif
