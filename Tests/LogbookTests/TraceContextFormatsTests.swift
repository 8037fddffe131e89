import Logbook
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One record with a known trace context, as LogbookTracing's provider adds it, through
/// every formatter and preset. Expected lines are written from each format's rules (see
/// Documentation/Formats.md and the vendor pages it cites), not copied from a run.
@Suite("Trace context in every format")
struct TraceContextFormatsTests {
    /// The W3C Trace Context specification's example ids.
    static let traceID = "0af7651916cd43dd8448eb211c80319c"
    static let spanID = "b7ad6b7169203331"

    /// Datadog's ids: the low 64 bits of each hex id, in decimal, computed by hand from
    /// 32-bit halves (value = high × 2^32 + low, 2^32 = 4294967296):
    ///
    /// trace id, low 64 bits 8448eb21_1c80319c:
    ///   0x8448eb21 = 8·16^7 + 4·16^6 + 4·16^5 + 8·16^4 + 14·16^3 + 11·16^2 + 2·16 + 1
    ///              = 2147483648 + 67108864 + 4194304 + 524288 + 57344 + 2816 + 32 + 1 = 2219371297
    ///   0x1c80319c = 268435456 + 12·16777216 + 8·1048576 + 0 + 3·4096 + 1·256 + 9·16 + 12
    ///              = 268435456 + 201326592 + 8388608 + 12288 + 256 + 144 + 12 = 478163356
    ///   2219371297 × 4294967296 = 9532127138296102912; + 478163356 = 9532127138774266268
    /// span id b7ad6b71_69203331:
    ///   0xb7ad6b71 = 11·268435456 + 7·16777216 + 10·1048576 + 13·65536 + 6·4096 + 11·256 + 7·16 + 1
    ///              = 2952790016 + 117440512 + 10485760 + 851968 + 24576 + 2816 + 112 + 1 = 3081595761
    ///   0x69203331 = 6·268435456 + 9·16777216 + 2·1048576 + 0 + 3·4096 + 3·256 + 3·16 + 1
    ///              = 1610612736 + 150994944 + 2097152 + 12288 + 768 + 48 + 1 = 1763717937
    ///   3081595761 × 4294967296 = 13235353012987232256; + 1763717937 = 13235353014750950193
    /// Both are above 2^63 (their top hex digit is 8 or more): an Int64 conversion would fail.
    static let datadogTraceID = "9532127138774266268"
    static let datadogSpanID = "13235353014750950193"

    static var record: LogRecord {
        var record = makeRecord(fields: ["amount": 42])
        record.providedFields = ["trace_id": traceID, "span_id": spanID, "trace_flags": "01"]
        return record
    }

    static let otelMembers =
        #""trace_id":"0af7651916cd43dd8448eb211c80319c","span_id":"b7ad6b7169203331","trace_flags":"01""#

    @Test("JSONFormatter(): OpenTelemetry's names, after the record's other fields")
    func json() {
        #expect(
            JSONFormatter().format(Self.record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"payments","message":"charge created","amount":42,"#
                + Self.otelMembers + "}")
    }

    @Test("logfmt: OpenTelemetry's names")
    func logfmt() {
        #expect(
            LogfmtFormatter().format(Self.record)
                == "time=2024-08-06T11:54:56.789Z level=info logger=payments msg=\"charge created\" amount=42 "
                + "trace_id=0af7651916cd43dd8448eb211c80319c span_id=b7ad6b7169203331 trace_flags=01")
    }

    @Test("ECS: trace.id and span.id; trace_flags, which ECS has no field for, unchanged")
    func elastic() {
        #expect(
            JSONFormatter.elasticCommonSchema().format(Self.record)
                == #"{"@timestamp":"2024-08-06T11:54:56.789Z","log.level":"info","message":"charge created","log.logger":"payments","ecs.version":"8.11.0","amount":42,"trace.id":"0af7651916cd43dd8448eb211c80319c","span.id":"b7ad6b7169203331","trace_flags":"01"}"#
        )
    }

    @Test("Datadog: dd.trace_id and dd.span_id as decimal strings of the low 64 bits")
    func datadog() {
        #expect(
            JSONFormatter.datadog(service: "checkout").format(Self.record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","status":"info","logger.name":"payments","message":"charge created","service":"checkout","amount":42,"dd.trace_id":""#
                + Self.datadogTraceID + #"","dd.span_id":""# + Self.datadogSpanID + #"","trace_flags":"01"}"#)
    }

    @Test("Google Cloud: the trace's resource name, spanId and trace_sampled from the flags' sampled bit")
    func googleCloud() {
        let formatter = JSONFormatter.googleCloudLogging(project: "my-project", includesSourceLocation: false)
        #expect(
            formatter.format(Self.record)
                == #"{"time":"2024-08-06T11:54:56.789Z","severity":"INFO","logger":"payments","message":"charge created","amount":42,"logging.googleapis.com/trace":"projects/my-project/traces/0af7651916cd43dd8448eb211c80319c","logging.googleapis.com/spanId":"b7ad6b7169203331","logging.googleapis.com/trace_sampled":true}"#
        )
        var unsampled = Self.record
        unsampled.providedFields["trace_flags"] = "02"  // another flag set, the sampled bit not
        #expect(formatter.format(unsampled).hasSuffix(#""logging.googleapis.com/trace_sampled":false}"#))
        if getenv("GOOGLE_CLOUD_PROJECT") == nil {
            #expect(
                JSONFormatter.googleCloudLogging().format(Self.record).contains(
                    #""logging.googleapis.com/trace":"0af7651916cd43dd8448eb211c80319c","#))
        }
    }

    @Test("Google Cloud's project: the parameter, else GOOGLE_CLOUD_PROJECT, else none")
    func googleCloudProject() {
        #expect(JSONFormatter.googleCloudProject("p1", variable: "p2") == "p1")
        #expect(JSONFormatter.googleCloudProject(nil, variable: "p2") == "p2")
        #expect(JSONFormatter.googleCloudProject(" ", variable: " p2 ") == "p2")
        #expect(JSONFormatter.googleCloudProject(nil, variable: "") == nil)
        #expect(JSONFormatter.googleCloudProject(nil, variable: nil) == nil)
    }

    @Test("syslog: the ids in their own SD element, SD-ID opentelemetry, not in Logbook's")
    func syslog() {
        let formatter = SyslogFormatter(appName: "payments", hostname: "web-1", processID: "42")
        #expect(
            formatter.format(Self.record)
                == "<14>1 2024-08-06T11:54:56.789000Z web-1 payments 42 - [logbook@32473 logger=\"payments\" amount=\"42\"]"
                + "[opentelemetry trace_id=\"0af7651916cd43dd8448eb211c80319c\" span_id=\"b7ad6b7169203331\" trace_flags=\"01\"]"
                + " charge created")
    }

    @Test("console and Lambda text: OpenTelemetry's names in the trailing pairs")
    func textFormats() {
        let pairs = "amount=42 trace_id=0af7651916cd43dd8448eb211c80319c span_id=b7ad6b7169203331 trace_flags=01"
        #expect(
            ConsoleFormatter(colors: .never, timestamp: .utc).format(Self.record)
                == "2024-08-06T11:54:56.789Z INFO     payments: charge created " + pairs)
        #expect(
            LambdaTextFormatter().format(Self.record)
                == "[INFO]\t2024-08-06T11:54:56.789Z\t\tcharge created " + pairs)
    }

    @Test("Lambda JSON keeps traceId for X-Ray and writes OpenTelemetry's names as they are")
    func lambdaJSON() {
        var record = Self.record
        record.context = LogContext(["requestId": "r-1", "traceId": "Root=1-5759e988-bd862e3fe1be46a994272793"])
        #expect(
            LambdaJSONFormatter().format(record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"INFO","message":"charge created","logger":"payments","requestId":"r-1","traceId":"Root=1-5759e988-bd862e3fe1be46a994272793","amount":42,"#
                + Self.otelMembers + "}")
    }

    @Test("a value that is not a hex id of the right length, or a target key the record has, stays as it is")
    func unconvertible() {
        var record = Self.record
        record.providedFields = ["trace_id": "not-hex", "span_id": spanIDWithUppercase, "trace_flags": 1]
        #expect(
            JSONFormatter.datadog().format(record).hasSuffix(
                #""amount":42,"trace_id":"not-hex","dd.span_id":"13235353014750950193","trace_flags":1}"#))
        var owned = Self.record
        owned.fields["trace.id"] = "mine"
        #expect(
            JSONFormatter.elasticCommonSchema().format(owned).hasSuffix(
                #""amount":42,"trace.id":"mine","trace_id":"0af7651916cd43dd8448eb211c80319c","span.id":"b7ad6b7169203331","trace_flags":"01"}"#
            ))
    }

    @Test(
        "Datadog's decimal ids at the edges of 64 bits, in either case; trace flags' sampled bit from letters",
        arguments: [
            ("0000000000000000ffffffffffffffff", "18446744073709551615"), ("FFFFFFFFFFFFFFFF0000000000000000", "0"),
            ("00000000000000000000000000000064", "100"), ("0000000000000000000000000000000A", "10"),
            ("0000000000000000000000003b9aca00", "1000000000"), ("000000000000000000000000000F4240", "1000000"),
        ])
    func datadogDecimalEdges(hex: String, decimal: String) {
        var record = Self.record
        record.providedFields = ["trace_id": hex]
        #expect(JSONFormatter.datadog().format(record).hasSuffix(#""dd.trace_id":""# + decimal + #""}"#))
    }

    @Test(
        "hex checks every byte: one character outside 0-9, a-f, A-F leaves the id as it is",
        arguments: ["g", "G", "/", ":", "@", "`", " ", "\u{10}", "é"])
    func nonHexByte(character: String) {
        for position in [0, 7, 8, 15] {
            var id = Array(Self.spanID)
            id[position] = Character(character)
            var record = Self.record
            record.providedFields = ["span_id": String(id), "trace_flags": "0a"]
            let line = JSONFormatter.googleCloudLogging(includesSourceLocation: false).format(record)
            #expect(line.contains(#""span_id":"#), "\(character) at \(position)")
            #expect(line.hasSuffix(#""logging.googleapis.com/trace_sampled":false}"#))
        }
        var record = Self.record
        record.providedFields = ["trace_flags": "0B"]
        #expect(JSONFormatter.googleCloudLogging().format(record).contains(#"/trace_sampled":true"#))
    }

    @Test("a trace field keeps its name when a field after it has its target key, short or long")
    func targetKeyOfALaterField() {
        var record = makeRecord(fields: ["amount": 42, "trace_id": Self.traceID])
        record.providedFields = ["dd.trace_id": "mine"]
        #expect(
            JSONFormatter.datadog().format(record).hasSuffix(
                #""amount":42,"trace_id":"0af7651916cd43dd8448eb211c80319c","dd.trace_id":"mine"}"#))
        record.providedFields = ["logging.googleapis.com/trace": "mine"]
        #expect(
            JSONFormatter.googleCloudLogging(includesSourceLocation: false).format(record).hasSuffix(
                #""amount":42,"trace_id":"0af7651916cd43dd8448eb211c80319c","logging.googleapis.com/trace":"mine"}"#))
    }

    /// The decimal id is stored as four whole words, up to 32 bytes from the end of what is
    /// written: at every distance from the end of a buffer's storage (run the sanitizer to
    /// see a store past it), the line is the one a fresh buffer gets, after what was there.
    @Test("Datadog's decimal id at every distance from the end of the buffer's storage")
    func datadogDecimalAtBufferEnd() {
        for (hex, decimal) in [
            ("0000000000000000ffffffffffffffff", "18446744073709551615"),
            ("00000000000000000000000000000000", "0"), ("00000000000000000000000000000007", "7"),
        ] {
            var record = Self.record
            record.providedFields = ["trace_id": hex]
            let expected = JSONFormatter.datadog().format(record)
            #expect(expected.hasSuffix(#""amount":42,"dd.trace_id":""# + decimal + #""}"#))
            for before in 0..<256 {
                var buffer = LogBuffer(capacity: 16)
                buffer.append(String(repeating: "x", count: before))
                JSONFormatter.datadog().format(record, into: &buffer)
                #expect(buffer.string == String(repeating: "x", count: before) + expected, "\(decimal) after \(before)")
            }
        }
    }

    @Test("Datadog's decimal ids: every number of digits, groups of eight at their edges, random values")
    func datadogDecimalDigits() {
        var values: [UInt64] = [0, .max, 99_999_999, 100_000_000, 9_999_999_999_999_999, 10_000_000_000_000_000]
        var power: UInt64 = 1
        for _ in 0...19 {
            values += [power - 1, power, power + 1]
            power = power.multipliedReportingOverflow(by: 10).partialValue
        }
        var generator = SplitMix64(seed: 64)
        for _ in 0..<300 { values += [generator.next(), generator.next() >> (generator.next() % 64)] }
        for value in values {
            // A random high half, which Datadog's id leaves out.
            let high = String(generator.next(), radix: 16)
            let low = String(value, radix: 16)
            var record = Self.record
            record.providedFields = [
                "trace_id": String(repeating: "0", count: 16 - high.count) + high
                    + String(repeating: "0", count: 16 - low.count) + low
            ]
            #expect(
                JSONFormatter.datadog().format(record).hasSuffix(#""dd.trace_id":""# + String(value) + #""}"#),
                "\(value)")
        }
    }

    /// Uppercase hex is still hex: converted like lowercase.
    let spanIDWithUppercase = "B7AD6B7169203331"
}
