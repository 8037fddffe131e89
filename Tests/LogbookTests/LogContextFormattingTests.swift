import Logbook
import LogbookTesting
import Testing

/// Context fields in every formatter, with call-site > bound > inner > outer precedence
/// and no key written twice.
@Suite struct LogContextFormattingTests {
    /// 2024-08-06T11:54:56.789Z.
    static let pinned = LogTimestamp(secondsSinceEpoch: 1_722_945_296, nanoseconds: 789_000_000)

    /// A record with the same key (`user_id`, `region`) in several layers:
    /// call site `user_id`, bound `user_id`, outer context `user_id` and `region`, inner
    /// context `region`.
    static func layeredRecord() -> LogRecord {
        let context = LogContext(["request_id": "r-1", "user_id": "u-outer", "region": "eu"])
            .adding(["region": "us", "attempt": 2])
        return LogRecord(
            timestamp: pinned, level: .info, logger: "app.orders", message: "order loaded",
            fields: ["user_id": "call-site", "order_id": 42],
            boundFields: ["user_id": "bound", "component": "orders"],
            context: context)
    }

    @Test func precedenceIsCallSiteThenBoundThenInnerThenOuterContext() {
        let record = Self.layeredRecord()
        var pairs: [String] = []
        record.forEachField { key, value in pairs.append("\(key)=\(value.logValue)") }
        #expect(
            pairs == [
                "user_id=call-site", "order_id=42", "component=orders", "request_id=r-1", "region=us", "attempt=2",
            ])
        #expect(record.field("region")?.logValue == "us")
        #expect(record.field("user_id")?.logValue == "call-site")
    }

    @Test func jsonWritesContextFieldsAtTheTopLevelByDefault() {
        let line = JSONFormatter().format(Self.layeredRecord())
        #expect(
            line
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"app.orders","message":"order loaded","#
                + #""user_id":"call-site","order_id":42,"component":"orders","request_id":"r-1","region":"us","attempt":2}"#
        )
    }

    @Test func jsonNestsContextFieldsUnderTheContextKey() {
        let line = JSONFormatter(contextKey: "context").format(Self.layeredRecord())
        // The overridden context `user_id` is left out of the nested object too: one
        // value per key across the record.
        #expect(
            line
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"app.orders","message":"order loaded","#
                + #""user_id":"call-site","order_id":42,"component":"orders","#
                + #""context":{"request_id":"r-1","region":"us","attempt":2}}"#)
    }

    @Test func jsonWithAContextKeyWritesNoObjectForAnEmptyContext() {
        let record = LogRecord(timestamp: Self.pinned, level: .warning, logger: "app", message: "m", fields: ["k": 1])
        #expect(
            JSONFormatter(contextKey: "tags").format(record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"warning","logger":"app","message":"m","k":1}"#)
    }

    @Test func contextKeysNamedLikeReservedKeysAreNeverDuplicated() {
        let record = LogRecord(
            timestamp: Self.pinned, level: .info, logger: "app", message: "real",
            context: LogContext(["message": "from context", "level": "ctx", "request_id": "r-2"]))
        #expect(
            JSONFormatter().format(record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"app","message":"real","#
                + #""fields.message":"from context","fields.level":"ctx","request_id":"r-2"}"#)
        // Nested, they cannot collide with the top level.
        #expect(
            JSONFormatter(contextKey: "context").format(record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"app","message":"real","#
                + #""context":{"message":"from context","level":"ctx","request_id":"r-2"}}"#)
    }

    @Test func aFieldNamedLikeTheContextKeyDoesNotCollideWithTheNestedObject() {
        let record = LogRecord(
            timestamp: Self.pinned, level: .info, logger: "app", message: "m", fields: ["context": "call-site"],
            context: LogContext(["request_id": "r-3"]))
        #expect(
            JSONFormatter(contextKey: "context").format(record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"app","message":"m","#
                + #""fields.context":"call-site","context":{"request_id":"r-3"}}"#)
    }

    @Test func consoleWritesContextFieldsAsKeyValuePairs() {
        let line = ConsoleFormatter(colors: .never, timestamp: .none).format(Self.layeredRecord())
        #expect(
            line
                == "INFO     app.orders: order loaded user_id=call-site order_id=42 component=orders request_id=r-1"
                + " region=us attempt=2")
    }

    @Test func recordsFromALoggerCarryTheContextIntoEveryFormatter() async {
        let hierarchy = LogHierarchy()
        let sink = InMemorySink()
        let log = hierarchy.logger("app.http")
        log.addSink(sink)
        await LogContext.with(["request_id": "r-7", "user_id": "u-7"]) {
            await LogContext.with(["user_id": "u-8"]) {
                await Task.yield()
                log.with(["component": "api"]).info("handled", ["status": 200])
            }
        }
        let record = sink.records[0]
        let json = JSONFormatter().format(record)
        #expect(
            json.hasSuffix(#""message":"handled","status":200,"component":"api","request_id":"r-7","user_id":"u-8"}"#))
        let nested = JSONFormatter(contextKey: "context").format(record)
        #expect(nested.hasSuffix(#""status":200,"component":"api","context":{"request_id":"r-7","user_id":"u-8"}}"#))
        let console = ConsoleFormatter(colors: .never, timestamp: .none).format(record)
        #expect(console == "INFO     app.http: handled status=200 component=api request_id=r-7 user_id=u-8")
    }
}
