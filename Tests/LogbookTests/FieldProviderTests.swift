import Logbook
import LogbookTesting
import Synchronization
import Testing

/// A task-local standing in for a tracer's current span.
enum CurrentSpan {
    @TaskLocal static var id: String?
}

@Suite("Field providers")
struct FieldProviderTests {
    /// A provider that counts its calls and returns the task's current span.
    final class CountingProvider: Sendable {
        let calls = Atomic<Int>(0)

        var provider: LogFieldProvider {
            LogFieldProvider(name: "span") { [self] in
                calls.add(1, ordering: .relaxed)
                guard let span = CurrentSpan.id else { return [:] }
                return ["span_id": span, "source": "provider"]
            }
        }

        var count: Int { calls.load(ordering: .relaxed) }
    }

    static func bootstrapped(
        _ providers: [LogFieldProvider], sinks: [any LogSink], level: LogLevel = .info
    ) throws -> LogHierarchy {
        let hierarchy = LogHierarchy()
        try hierarchy.bootstrap(LogConfiguration(level: level, sinks: sinks, fieldProviders: providers))
        return hierarchy
    }

    @Test("a provider is called once per enabled record, never for a disabled one, whatever the sink count")
    func calledOncePerEnabledRecord() throws {
        let counting = CountingProvider()
        let first = InMemorySink()
        let second = InMemorySink(level: .warning)
        let log = try Self.bootstrapped([counting.provider], sinks: [first, second]).logger("api")
        log.debug("disabled")
        log.trace("disabled too")
        #expect(counting.count == 0)
        log.info("one")
        log.error("two")
        #expect(counting.count == 2)
        #expect(first.records.count == 2 && second.records.count == 1)
    }

    @Test("fields are read on the logging task, when each record is created")
    func readsTheLoggingTask() async throws {
        let counting = CountingProvider()
        let sink = InMemorySink()
        let log = try Self.bootstrapped([counting.provider], sinks: [sink]).logger("api")
        log.info("before")
        await CurrentSpan.$id.withValue("s-1") {
            log.info("outer")
            await CurrentSpan.$id.withValue("s-2") {
                await withTaskGroup(of: Void.self) { group in group.addTask { log.info("child") } }
            }
        }
        let spans = sink.records.map { $0.field("span_id")?.logValue ?? .null }
        #expect(spans == [.null, "s-1", "s-2"])
        #expect(sink.records[0].providedFields.isEmpty)
        #expect(sink.records[1].providedFields["source"]?.logValue == "provider")
    }

    @Test("precedence: call site > bound > context > providers, and a provider's key is written once")
    func precedence() throws {
        let sink = InMemorySink()
        let provider = LogFieldProvider(name: "all") {
            ["a": "provider", "b": "provider", "c": "provider", "d": "provider"]
        }
        let log = try Self.bootstrapped([provider], sinks: [sink]).logger("api")
        LogContext.with(["c": "context", "b": "context"]) {
            log.with(["b": "bound", "a": "bound"]).info("m", ["a": "call site"])
        }
        let record = try #require(sink.records.first)
        #expect(record.field("a")?.logValue == "call site")
        #expect(record.field("b")?.logValue == "bound")
        #expect(record.field("c")?.logValue == "context")
        #expect(record.field("d")?.logValue == "provider")
        var keys: [String] = []
        record.forEachField { key, _ in keys.append(key) }
        #expect(keys == ["a", "b", "c", "d"])
        #expect(
            JSONFormatter().format(record).hasSuffix(
                #""message":"m","a":"call site","b":"bound","c":"context","d":"provider"}"#))
    }

    @Test("several providers: registration order, a later provider wins a repeated key")
    func severalProviders() throws {
        let sink = InMemorySink()
        let first = LogFieldProvider(name: "first") { ["x": 1, "y": 1] }
        let second = LogFieldProvider(name: "second") { ["y": 2, "z": 2] }
        let hierarchy = try Self.bootstrapped([first, second], sinks: [sink])
        hierarchy.logger("api").info("m")
        var seen: [String] = []
        try #require(sink.records.first).forEachField { key, value in seen.append("\(key)=\(value.logValue)") }
        #expect(seen == ["x=1", "y=2", "z=2"])
    }

    @Test("a provider that logs does not recurse: its record goes to the last resort, without provided fields")
    func providerThatLogs() throws {
        let sink = InMemorySink()
        let lastResort = InMemorySink()
        let hierarchy = LogHierarchy()
        hierarchy.lastResort = lastResort
        let inner = hierarchy.logger("provider")
        let provider = LogFieldProvider(name: "noisy") {
            inner.warning("from the provider")
            return ["k": "v"]
        }
        try hierarchy.bootstrap(LogConfiguration(sinks: [sink], fieldProviders: [provider]))
        hierarchy.logger("api").info("m")
        #expect(sink.messages == ["m"])
        #expect(sink.records.first?.field("k")?.logValue == "v")
        #expect(lastResort.messages == ["from the provider"])
        #expect(lastResort.records.first?.providedFields.isEmpty == true)
    }

    @Test("LogSetup lists the providers by name; the environment passes them through; reset forgets them")
    func setupEnvironmentAndReset() throws {
        let provider = LogFieldProvider(name: "traceContext") { ["k": "v"] }
        let hierarchy = LogHierarchy()
        let setup = try hierarchy.bootstrap(LogConfiguration(sinks: [InMemorySink()], fieldProviders: [provider]))
        #expect(setup.description.hasSuffix(" providers=[traceContext]"))
        #expect(setup.fieldProviders.map(\.name) == ["traceContext"])

        var environment = LogEnvironment(variables: [:], outputIsTerminal: false)
        environment.fieldProviders = [provider]
        #expect(try environment.resolve().configuration.fieldProviders.map(\.name) == ["traceContext"])

        hierarchy.reset()
        let sink = InMemorySink()
        let again = try hierarchy.bootstrap(LogConfiguration(sinks: [sink]))
        hierarchy.logger("api").info("m")
        #expect(sink.records.first?.providedFields.isEmpty == true)
        #expect(!again.description.contains("providers="))
    }
}
