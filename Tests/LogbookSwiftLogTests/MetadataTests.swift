#if SwiftLogBridge
import Logbook
import LogbookSwiftLog
import LogbookTesting
import Logging
import Testing

@Suite("swift-log bridge: metadata to fields")
struct MetadataTests {
    @Test("metadata values keep their types where they have one")
    func typedValues() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        bridgedLogger("lib", in: hierarchy).info(
            "typed",
            metadata: [
                "text": "plain",
                "interpolated": "\(42)",
                "count": .stringConvertible(42),
                "ratio": .stringConvertible(0.5),
                "flag": .stringConvertible(true),
                "big": .stringConvertible(UInt64.max),
                "custom": .stringConvertible(Money(cents: 1250)),
                "described": .stringConvertible(Described()),
                "list": ["a", .stringConvertible(1)],
                "nested": ["b": "2", "a": .stringConvertible(1)],
            ])
        let fields = try #require(sink.records.first).mergedFields
        #expect(fields["text"]?.logValue == .string("plain"))
        #expect(fields["interpolated"]?.logValue == .string("42"), "string interpolation makes a string")
        #expect(fields["count"]?.logValue == .int(42))
        #expect(fields["ratio"]?.logValue == .double(0.5))
        #expect(fields["flag"]?.logValue == .bool(true))
        #expect(fields["big"]?.logValue == .string("18446744073709551615"))
        #expect(fields["custom"]?.logValue == ["cents": 1250, "currency": "EUR"])
        #expect(fields["described"]?.logValue == .string("described"))
        #expect(fields["list"]?.logValue == .array([.string("a"), .int(1)]))
        // Dictionaries become objects with sorted keys, so output is stable.
        #expect(fields["nested"]?.logValue == .object(["a": 1, "b": "2"]))
    }

    @Test("call site over provider over the Logger's own metadata, as in swift-log")
    func precedence() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let provider = Logger.MetadataProvider { ["shared": "provider", "from_provider": "p"] }
        var logger = bridgedLogger("lib", in: hierarchy, metadataProvider: provider)
        logger[metadataKey: "shared"] = "logger"
        logger[metadataKey: "from_logger"] = "l"
        logger.info("one", metadata: ["shared": "call", "from_call": "c"])
        logger.info("two")
        logger[metadataKey: "from_logger"] = nil
        logger.info("three")
        let records = sink.records
        try #require(records.count == 3)
        #expect(records[0].mergedFields["shared"]?.logValue == "call")
        #expect(records[0].mergedFields["from_call"]?.logValue == "c")
        #expect(records[0].mergedFields["from_provider"]?.logValue == "p")
        #expect(records[0].mergedFields["from_logger"]?.logValue == "l")
        #expect(records[1].mergedFields["shared"]?.logValue == "provider")
        #expect(records[2].mergedFields["from_logger"] == nil)
        #expect(records[0].boundFields["from_logger"]?.logValue == "l", "the Logger's metadata is bound")
    }

    @Test("a metadata provider that logs through a Logger with that provider does not recurse")
    func providerThatLogs() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        // As with bridgingSwiftLog(metadataProvider:): every Logger has the provider, the
        // one the provider logs through too. Each record asked the provider, which logged
        // a record, which asked the provider, until the stack overflowed.
        let inner = LockedState<Logger?>(nil)
        let calls = LockedState(0)
        let provider = Logger.MetadataProvider {
            calls.withLock { $0 += 1 }
            inner.withLock { $0 }?.info("provider ran")
            return ["from_provider": "p"]
        }
        inner.withLock { $0 = bridgedLogger("provider", in: hierarchy, metadataProvider: provider) }
        bridgedLogger("lib", in: hierarchy, metadataProvider: provider).info("outer")
        // The provider's own record is written without asking the provider again.
        #expect(sink.messages == ["provider ran", "outer"])
        #expect(calls.withLock { $0 } == 1)
        #expect(sink.records.last?.mergedFields["from_provider"]?.logValue == "p")
        #expect(sink.records.first?.mergedFields["from_provider"] == nil)
    }

    @Test("a metadata provider runs on the logging task, so it sees task-locals")
    func providerSeesTaskLocals() throws {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let provider = Logger.MetadataProvider {
            TraceID.current.map { ["trace_id": "\($0)"] } ?? [:]
        }
        let logger = bridgedLogger("lib", in: hierarchy, metadataProvider: provider)
        TraceID.$current.withValue("t-1") { logger.info("traced") }
        #expect(sink.records.first?.mergedFields["trace_id"]?.logValue == "t-1")
    }

    @Test("metadata set on one Logger value does not leak into a copy")
    func valueSemantics() {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        var first = bridgedLogger("lib", in: hierarchy)
        first[metadataKey: "only"] = "first"
        var second = first
        second[metadataKey: "only"] = "second"
        first.info("a")
        second.info("b")
        #expect(sink.records.map { $0.mergedFields["only"]?.logValue } == ["first", "second"])
        #expect(first[metadataKey: "only"] == "first")
    }

    @Test("LogValue to swift-log metadata and back keeps types")
    func roundTrip() {
        let values: [LogValue] = [
            "text", 42, 0.25, true, .null, ["a", 1, false], ["k": "v", "n": 2],
        ]
        for value in values {
            #expect(Logger.MetadataValue(value).logValue == value, "\(value)")
        }
        #expect(Logger.MetadataValue(LogValue.string("x")) == .string("x"), "strings stay plain strings")
        #expect(Logger.MetadataValue(LogValue.int(7)).description == "7")
        #expect(Logger.MetadataValue(LogValue.null).description == "null")
    }

    @Test("a value that nests without end (a cycle) converts to swift-log metadata boundedly")
    func endlessNestingIsBounded() throws {
        // Converting it followed the nesting until the stack overflowed: SwiftLogHandlerSink
        // and the .logContext provider crashed the process with redaction off.
        let converted = Logger.MetadataValue(SelfNestingValue().logValue)
        var depth = 0
        var current = converted
        while case .dictionary(let metadata) = current, let next = metadata["next"] {
            depth += 1
            current = next
        }
        #expect(current == "[too deep]")
        #expect(depth == 64, "cut where redaction stops searching")
        let array = Logger.MetadataValue(.array([SelfNestingValue().logValue]))
        guard case .array(let elements) = array, case .dictionary = elements.first else {
            Issue.record("an array keeps its shape above the cut: \(array)")
            return
        }
    }
}

enum TraceID {
    @TaskLocal static var current: String?
}

struct Money: LogValueConvertible, CustomStringConvertible {
    var cents: Int
    var logValue: LogValue { ["cents": cents, "currency": "EUR"] }
    var description: String { "\(cents) cents" }
}

/// A convertible whose value holds itself: converting it nests without end.
struct SelfNestingValue: LogValueConvertible {
    var logValue: LogValue { ["next": SelfNestingValue()] }
}

struct Described: CustomStringConvertible {
    var description: String { "described" }
}
#endif
