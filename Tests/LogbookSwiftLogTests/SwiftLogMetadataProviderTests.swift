#if SwiftLogBridge
import Logbook
import LogbookSwiftLog
import LogbookTesting
import Logging
import Testing

@Suite("LogFieldProvider.swiftLogMetadata: swift-log's task-local logger's metadata on Log records")
struct SwiftLogMetadataProviderTests {
    /// A hierarchy bootstrapped with the provider, writing to `sink`.
    func hierarchy(_ sink: InMemorySink) throws -> LogHierarchy {
        let hierarchy = LogHierarchy()
        try hierarchy.bootstrap(LogConfiguration(sinks: [sink], fieldProviders: [.swiftLogMetadata]))
        return hierarchy
    }

    /// A swift-log logger with `metadata`, as a framework binds it for a request.
    func requestLogger(_ metadata: Logger.Metadata) -> Logger {
        Logger(label: "hummingbird") { _ in RecordingHandler(storage: RecordingHandler.Storage(), metadata: metadata) }
    }

    @Test("inside withLogger, Log records carry the logger's metadata, typed; outside, nothing")
    func insideAndOutside() throws {
        let sink = InMemorySink()
        let log = try hierarchy(sink).logger("app.orders")
        log.info("before")
        withLogger(requestLogger(["hb.request.id": "7f3a", "attempt": .stringConvertible(2)])) { _ in
            log.info("inside")
        }
        log.info("after")
        let records = sink.records
        #expect(records.map(\.message) == ["before", "inside", "after"])
        #expect(records[0].providedFields.isEmpty)
        #expect(records[1].field("hb.request.id")?.logValue == "7f3a")
        #expect(records[1].field("attempt")?.logValue == .int(2))
        #expect(records[2].providedFields.isEmpty)
    }

    @Test("child tasks inherit the scope, and merged metadata of an inner scope is seen")
    func childTasksAndMerging() async throws {
        let sink = InMemorySink()
        let log = try hierarchy(sink).logger("app")
        await withLogger(requestLogger(["hb.request.id": "r1"])) { _ in
            await withTaskGroup(of: Void.self) { group in
                group.addTask { log.info("child") }
            }
            withLogger(mergingMetadata: ["step": "charge"]) { _ in log.info("inner") }
        }
        let child = try #require(sink.records.first { $0.message == "child" })
        let inner = try #require(sink.records.first { $0.message == "inner" })
        #expect(child.field("hb.request.id")?.logValue == "r1")
        #expect(child.field("step") == nil)
        #expect(inner.field("hb.request.id")?.logValue == "r1")
        #expect(inner.field("step")?.logValue == "charge")
    }

    @Test("it ranks below LogContext, bound and call-site fields")
    func precedence() throws {
        let sink = InMemorySink()
        let log = try hierarchy(sink).logger("app").with(["bound": "logger"])
        withLogger(requestLogger(["request_id": "swift-log", "bound": "swift-log", "call": "swift-log"])) { _ in
            LogContext.with(["request_id": "context"]) {
                log.info("m", ["call": "site"])
            }
        }
        var fields: [String: LogValue] = [:]
        try #require(sink.records.first).forEachField { key, value in fields[key] = value.logValue }
        #expect(fields == ["request_id": "context", "bound": "logger", "call": "site"])
    }
}
#endif
