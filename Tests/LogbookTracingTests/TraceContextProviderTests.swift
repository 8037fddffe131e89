#if DistributedTracing
import Instrumentation
import Logbook
import LogbookTesting
import LogbookTracing
import Testing

@Suite("LogFieldProvider.traceContext")
struct TraceContextProviderTests {
    static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    /// A private hierarchy bootstrapped with the trace-context provider and `sink`.
    static func hierarchy(_ sink: any LogSink) throws -> LogHierarchy {
        let hierarchy = LogHierarchy()
        try hierarchy.bootstrap(LogConfiguration(level: .debug, sinks: [sink], fieldProviders: [.traceContext]))
        return hierarchy
    }

    @Test("a record created in a span carries trace_id, span_id and trace_flags")
    func recordInSpan() throws {
        let sink = InMemorySink()
        let log = try Self.hierarchy(sink).logger("api")
        TestInstrument.withTraceParent(Self.traceparent) { log.info("in span") }
        let record = try #require(sink.records.first)
        #expect(record.providedFields["trace_id"]?.logValue == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(record.providedFields["span_id"]?.logValue == "00f067aa0ba902b7")
        #expect(record.providedFields["trace_flags"]?.logValue == "01")
        #expect(record.providedFields.count == 3)
    }

    @Test("outside a span, or with a malformed traceparent, the record gets no trace field")
    func noSpan() throws {
        _ = TestInstrument.installed
        let sink = InMemorySink()
        let log = try Self.hierarchy(sink).logger("api")
        log.info("no span")
        TestInstrument.withTraceParent("00-00000000000000000000000000000000-00f067aa0ba902b7-01") { log.info("zero") }
        TestInstrument.withTraceParent("garbage") { log.info("garbage") }
        #expect(sink.records.count == 3)
        for record in sink.records { #expect(record.providedFields.isEmpty, "\(record.message)") }
    }

    @Test("each record reads the span current when it is created: nested spans, child tasks")
    func spanChangesWithinATask() async throws {
        let sink = InMemorySink()
        let log = try Self.hierarchy(sink).logger("api")
        let outer = "00-11111111111111111111111111111111-aaaaaaaaaaaaaaaa-01"
        let inner = "00-11111111111111111111111111111111-bbbbbbbbbbbbbbbb-00"
        await ServiceContext.withValue(TestInstrument.context(outer)) {
            log.info("outer")
            await ServiceContext.withValue(TestInstrument.context(inner)) {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { log.info("child") }
                }
            }
            log.info("outer again")
        }
        let spans = sink.records.map { "\($0.message)=\($0.providedFields["span_id"]?.logValue ?? .null)" }
        #expect(spans == ["outer=aaaaaaaaaaaaaaaa", "child=bbbbbbbbbbbbbbbb", "outer again=aaaaaaaaaaaaaaaa"])
        #expect(sink.records[1].providedFields["trace_flags"]?.logValue == "00")
    }

    @Test("a record handed to an AsyncSink (delivered on its worker thread) keeps the logging task's span")
    func asyncSinkKeepsTheSpan() throws {
        let memory = InMemorySink()
        let async = AsyncSink(memory)
        let log = try Self.hierarchy(async).logger("api")
        TestInstrument.withTraceParent(Self.traceparent) { log.info("queued") }
        async.flush()
        let record = try #require(memory.records.first)
        let line = JSONFormatter().format(record)
        #expect(
            line.contains(
                #""trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","trace_flags":"01""#))
    }

    @Test("a bound or context trace_id wins over the provider's")
    func precedence() throws {
        let sink = InMemorySink()
        let log = try Self.hierarchy(sink).logger("api")
        TestInstrument.withTraceParent(Self.traceparent) {
            LogContext.with(["trace_id": "from-context"]) { log.info("context") }
            log.with(["span_id": "bound"]).info("bound")
        }
        #expect(sink.records[0].field("trace_id")?.logValue == "from-context")
        #expect(sink.records[0].field("span_id")?.logValue == "00f067aa0ba902b7")
        #expect(sink.records[1].field("span_id")?.logValue == "bound")
        #expect(sink.records[1].fieldCount == 3)
    }
}
#endif
