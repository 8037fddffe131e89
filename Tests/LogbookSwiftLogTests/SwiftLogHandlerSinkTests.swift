#if SwiftLogBridge
import Logbook
import LogbookSwiftLog
import LogbookTesting
import Logging
import Testing

/// A value only the logging task has, to see on which task the handler runs.
enum HandlerProbe {
    @TaskLocal static var span: String?
}

/// A swift-log handler that keeps every event it is given, with the probe's value at the
/// time, as swift-otel's handler reads the current span.
struct EventCapturingHandler: LogHandler {
    struct Seen: Sendable {
        var label: String
        var event: LogEvent
        var span: String?
    }

    final class Storage: Sendable {
        let seen = LockedState<[Seen]>([])
        let labelsMade = LockedState<[String]>([])
        var events: [Seen] { seen.withLock { $0 } }
    }

    let label: String
    let storage: Storage
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        storage.seen.withLock { $0.append(Seen(label: label, event: event, span: HandlerProbe.span)) }
    }
}

struct ExportFailure: Error {}

@Suite("SwiftLogHandlerSink: Logbook records handed to a swift-log handler")
struct SwiftLogHandlerSinkTests {
    /// A hierarchy whose root writes to a sink over handlers made for `storage`.
    func hierarchy(_ storage: EventCapturingHandler.Storage, level: Logger.Level = .trace) -> LogHierarchy {
        let hierarchy = LogHierarchy()
        hierarchy.root.level = .trace
        hierarchy.root.addSink(
            SwiftLogHandlerSink { label in
                storage.labelsMade.withLock { $0.append(label) }
                return EventCapturingHandler(label: label, storage: storage, logLevel: level)
            })
        return hierarchy
    }

    @Test("name, level, message, typed fields, error and call site reach the handler")
    func everythingMaps() throws {
        let storage = EventCapturingHandler.Storage()
        let hierarchy = hierarchy(storage)
        let log = hierarchy.logger("payments.gateway").with(["component": "refunds"])
        LogContext.with(["request_id": "r-42"]) {
            log.warning("charge failed", ["amount": 42, "captured": false, "ratio": 0.5], error: ExportFailure())
        }
        let seen = try #require(storage.events.first)
        #expect(storage.events.count == 1)
        #expect(seen.label == "payments.gateway")
        #expect(seen.event.source == "payments.gateway")
        #expect(seen.event.level == .warning)
        #expect(seen.event.message.description == "charge failed")
        #expect(seen.event.error is ExportFailure)
        #expect(seen.event.file.hasSuffix("SwiftLogHandlerSinkTests.swift"))
        #expect(seen.event.function == "everythingMaps()")
        #expect(seen.event.line > 0)
        let metadata = try #require(seen.event.metadata)
        #expect(Set(metadata.keys) == ["amount", "captured", "ratio", "component", "request_id"])
        #expect(metadata["amount"]?.logValue == .int(42), "numbers keep their type")
        #expect(metadata["captured"]?.logValue == .bool(false))
        #expect(metadata["ratio"]?.logValue == .double(0.5))
        #expect(metadata["component"] == "refunds")
        #expect(metadata["request_id"] == "r-42")
    }

    @Test("field precedence is Logbook's: call site over bound over context")
    func precedence() throws {
        let storage = EventCapturingHandler.Storage()
        let hierarchy = hierarchy(storage)
        let log = hierarchy.logger("app").with(["who": "bound", "layer": "bound"])
        LogContext.with(["who": "context", "layer": "context", "only": "context"]) {
            log.info("x", ["who": "call"])
        }
        let metadata = try #require(storage.events.first?.event.metadata)
        #expect(metadata["who"] == "call")
        #expect(metadata["layer"] == "bound")
        #expect(metadata["only"] == "context")
    }

    @Test("provided fields (trace context) reach the handler, below every other layer")
    func providedFields() throws {
        let storage = EventCapturingHandler.Storage()
        let hierarchy = LogHierarchy()
        let provider = LogFieldProvider(name: "trace") {
            ["trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "p"]
        }
        try hierarchy.bootstrap(
            LogConfiguration(
                sinks: [SwiftLogHandlerSink { EventCapturingHandler(label: $0, storage: storage) }],
                fieldProviders: [provider]))
        hierarchy.logger("app").info("m", ["span_id": "call"])
        let metadata = try #require(storage.events.first?.event.metadata)
        #expect(metadata["trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(metadata["span_id"] == "call")
    }

    @Test("loggerKey adds the logger name to the metadata, unless a field has that key")
    func loggerKey() throws {
        let storage = EventCapturingHandler.Storage()
        let hierarchy = LogHierarchy()
        hierarchy.root.addSink(
            SwiftLogHandlerSink(loggerKey: "logger", handler: EventCapturingHandler(label: "otel", storage: storage)))
        hierarchy.logger("payments.gateway").info("plain")
        hierarchy.logger("payments").info("own", ["logger": "field"])
        let metadata = storage.events.map { $0.event.metadata ?? [:] }
        #expect(metadata.map { $0["logger"] } == ["payments.gateway", "field"])
    }

    @Test("secrets reach the handler redacted, as in every format: keyed, nested and marked values")
    func secretsRedacted() throws {
        let storage = EventCapturingHandler.Storage()
        let log = hierarchy(storage).logger("auth")
        LogContext.with(["Authorization": "Bearer abc"]) {
            log.info(
                "login",
                [
                    "password": "hunter2", "user": ["name": "ada", "api_key": "k-1"] as LogValue,
                    "email": .sensitive("ada@example.com"), "plan": "pro",
                ])
        }
        let metadata = try #require(storage.events.first?.event.metadata)
        #expect(metadata["password"] == "[REDACTED]")
        #expect(metadata["Authorization"] == "[REDACTED]")
        #expect(metadata["user"] == ["name": "ada", "api_key": "[REDACTED]"])
        #expect(metadata["email"] == "[REDACTED]")
        #expect(metadata["plan"] == "pro")
    }

    @Test("a value converted to a scalar first and to an object holding a secret later reaches the handler redacted")
    func laterConversionRedacted() throws {
        let storage = EventCapturingHandler.Storage()
        hierarchy(storage).logger("auth").info("login", ["session": ScalarThenObject(), "plan": "pro"])
        let metadata = try #require(storage.events.first?.event.metadata)
        #expect(metadata["session"] == ["password": "[REDACTED]", "user": "u-8"])
        #expect(metadata["plan"] == "pro")
    }

    @Test("a loop back into Logbook (the handler is the bridge's) ends: the echo goes to the last resort once")
    func loopBackEnds() async {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        let lastResort = InMemorySink(level: .trace)
        hierarchy.lastResort = lastResort
        hierarchy.root.addSink(sink)
        hierarchy.root.addSink(SwiftLogHandlerSink { LogbookLogHandler(label: $0, hierarchy: hierarchy) })
        let direct = hierarchy.logger("app")
        let bridged = Logger(label: "lib") { LogbookLogHandler(label: $0, hierarchy: hierarchy) }
        direct.info("from Log", ["n": 1])
        bridged.info("from swift-log")
        let fromAnotherThread = AsyncSink(SwiftLogHandlerSink { LogbookLogHandler(label: $0, hierarchy: hierarchy) })
        hierarchy.logger("queued").addSink(fromAnotherThread)
        hierarchy.logger("queued").info("through an AsyncSink")
        fromAnotherThread.flush()
        #expect(sink.messages == ["from Log", "from swift-log", "through an AsyncSink"])
        #expect(lastResort.messages == ["from Log", "from swift-log", "through an AsyncSink", "through an AsyncSink"])
        #expect(lastResort.records.first?.field("n")?.logValue == .int(1))
    }

    @Test("a record without fields has no metadata")
    func noFields() throws {
        let storage = EventCapturingHandler.Storage()
        hierarchy(storage).logger("app").info("plain")
        #expect(try #require(storage.events.first).event.metadata == nil)
    }

    @Test("the handler runs on the logging task and sees its task-local values")
    func handlerSeesTaskLocals() async {
        let storage = EventCapturingHandler.Storage()
        let log = hierarchy(storage).logger("app")
        await HandlerProbe.$span.withValue("span-1") {
            log.info("in span 1")
            await withTaskGroup(of: Void.self) { group in
                group.addTask { HandlerProbe.$span.withValue("span-2") { log.info("in span 2") } }
            }
        }
        log.info("outside")
        #expect(storage.events.map(\.span) == ["span-1", "span-2", nil])
    }

    @Test("one handler per logger name, made once and reused")
    func handlerPerName() {
        let storage = EventCapturingHandler.Storage()
        let hierarchy = hierarchy(storage)
        for _ in 0..<3 {
            hierarchy.logger("a").info("x")
            hierarchy.logger("b.c").info("y")
        }
        hierarchy.root.info("z")
        #expect(storage.labelsMade.withLock { $0 } == ["a", "b.c", "root"])
        #expect(storage.events.map(\.label) == ["a", "b.c", "a", "b.c", "a", "b.c", "root"])
    }

    @Test("the handler's own logLevel and the sink's level both filter")
    func levelsFilter() {
        let storage = EventCapturingHandler.Storage()
        let hierarchy = hierarchy(storage, level: .notice)
        let log = hierarchy.logger("app")
        log.info("dropped by the handler's level")
        log.notice("kept")
        let quiet = EventCapturingHandler.Storage()
        let sinkLevelHierarchy = LogHierarchy()
        sinkLevelHierarchy.root.level = .trace
        sinkLevelHierarchy.root.addSink(
            SwiftLogHandlerSink(level: .error, handler: EventCapturingHandler(label: "one", storage: quiet)))
        sinkLevelHierarchy.logger("x").warning("dropped by the sink's level")
        sinkLevelHierarchy.logger("y").error("kept")
        #expect(storage.events.map(\.event.message.description) == ["kept"])
        #expect(quiet.events.map(\.label) == ["one"], "the single-handler form passes every logger to it")
    }

    @Test("concurrent records from many tasks each arrive once, with their own task's values")
    func concurrent() async {
        let storage = EventCapturingHandler.Storage()
        let log = hierarchy(storage).logger("app")
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    HandlerProbe.$span.withValue("s\(index)") { log.info("r", ["index": index]) }
                }
            }
        }
        let events = storage.events
        #expect(events.count == 200)
        #expect(events.allSatisfy { $0.span == "s\($0.event.metadata?["index"]?.description ?? "")" })
    }
}
#endif
