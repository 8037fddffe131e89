import Logbook
import Testing

/// Golden lines for Lambda's JSON format, each also parsed by a strict JSON parser.
@Suite struct LambdaJSONFormatterTests {
    let formatter = LambdaJSONFormatter()
    let head = #"{"timestamp":"2024-08-06T11:54:56.789Z","level":"#

    @Test(arguments: [
        (LogLevel.trace, "TRACE"), (.debug, "DEBUG"), (.info, "INFO"), (.notice, "INFO"),
        (.warning, "WARN"), (.error, "ERROR"), (.critical, "FATAL"),
    ])
    func everyLevel(level: LogLevel, name: String) throws {
        let line = formatter.format(fixedRecord(level, context: invocationContext()))
        #expect(
            line
                == head + "\"\(name)\""
                + #","message":"Hello from Lambda!","logger":"orders","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","traceId":"1-5759e988-bd862e3fe1be46a994272793"}"#
        )
        #expect(
            try JSONCheck.keys(of: [line]) == [["timestamp", "level", "message", "logger", "requestId", "traceId"]])
    }

    @Test func outsideAnInvocationTheRequestIDIsEmptyAndTheTraceIDAbsent() throws {
        let line = formatter.format(fixedRecord())
        #expect(line == head + #""INFO","message":"Hello from Lambda!","logger":"orders","requestId":""}"#)
        #expect(try JSONCheck.keys(of: [line]) == [["timestamp", "level", "message", "logger", "requestId"]])
    }

    @Test func anEmptyRequestIDStaysEmpty() {
        let line = formatter.format(fixedRecord(context: invocationContext(requestID: "", traceID: nil)))
        #expect(line == head + #""INFO","message":"Hello from Lambda!","logger":"orders","requestId":""}"#)
    }

    @Test func aMultiLineMessageIsOneEscapedString() throws {
        let line = formatter.format(fixedRecord(.error, "line one\nline two\r\n\ttabbed", context: invocationContext()))
        #expect(line.contains(#""message":"line one\nline two\r\n\ttabbed""#))
        #expect(try JSONCheck.parse([line])[0].object["message"] as? String == "line one\nline two\r\n\ttabbed")
    }

    @Test func unicodeIsRawUTF8ExceptTheLineSeparators() throws {
        let message = "Grüße 🌍 \u{2028}x"
        let line = formatter.format(fixedRecord(.info, message, context: invocationContext()))
        #expect(line.contains(#""message":"Grüße 🌍 \u2028x""#))
        #expect(try JSONCheck.parse([line])[0].object["message"] as? String == message)
    }

    @Test func anErrorComesAfterTheLoggerAndBeforeTheRequestID() throws {
        let line = formatter.format(
            fixedRecord(.error, "charge failed", context: invocationContext(), error: ChargeError()))
        #expect(
            line
                == head
                + #""ERROR","message":"charge failed","logger":"orders","errorType":"LogbookTests.ChargeError","errorMessage":"card declined","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","traceId":"1-5759e988-bd862e3fe1be46a994272793"}"#
        )
        #expect(
            try JSONCheck.keys(of: [line]) == [
                ["timestamp", "level", "message", "logger", "errorType", "errorMessage", "requestId", "traceId"]
            ])
    }

    @Test func aStackTraceIsAnArrayAfterTheErrorMessage() throws {
        let line = formatter.format(
            fixedRecord(.error, "parse failed", context: invocationContext(), error: TracedError()))
        #expect(
            line.contains(
                #""errorMessage":"parse failed","stackTrace":["Parser.parse() at Parser.swift:10","Handler.handle() at Handler.swift:3"],"requestId""#
            ))
        #expect(
            try JSONCheck.keys(of: [line]) == [
                [
                    "timestamp", "level", "message", "logger", "errorType", "errorMessage", "stackTrace", "requestId",
                    "traceId",
                ]
            ])
    }

    @Test func extraFieldsFollowTheTraceIDStaticFieldsFirst() throws {
        let context = LogContext(
            LambdaInvocation(requestID: fixedRequestID, traceID: fixedTraceID, isColdStart: false).fields
        ).adding(["customer": "ada"])
        let withFunction = LambdaJSONFormatter(staticFields: ["function_name": "orders", "function_memory_size": 512])
        let line = withFunction.format(
            fixedRecord(fields: ["order_id": 42, "amount": 9.5, "items": ["a", "b"]], context: context))
        #expect(
            line
                == head
                + #""INFO","message":"Hello from Lambda!","logger":"orders","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","traceId":"1-5759e988-bd862e3fe1be46a994272793","function_name":"orders","function_memory_size":512,"order_id":42,"amount":9.5,"items":["a","b"],"cold_start":false,"customer":"ada"}"#
        )
        #expect(
            try JSONCheck.keys(of: [line]) == [
                [
                    "timestamp", "level", "message", "logger", "requestId", "traceId", "function_name",
                    "function_memory_size", "order_id", "amount", "items", "cold_start", "customer",
                ]
            ])
    }

    @Test func fieldsNamedLikeTheFormattersKeysNeverDuplicateThem() throws {
        let line = formatter.format(
            fixedRecord(
                .error,
                fields: ["message": "mine", "level": 3, "errorType": "x", "timestamp": "t", "logger": "l"],
                context: invocationContext(), error: ChargeError()))
        let keys = try JSONCheck.keys(of: [line])[0]
        #expect(
            keys == [
                "timestamp", "level", "message", "logger", "errorType", "errorMessage", "requestId", "traceId",
                "fields.message", "fields.level", "fields.errorType", "fields.timestamp", "fields.logger",
            ])
    }

    @Test func aCallSiteRequestIDWinsAndIsWrittenOnce() throws {
        let line = formatter.format(fixedRecord(fields: ["requestId": "explicit"], context: invocationContext()))
        let parsed = try JSONCheck.parse([line])[0]
        #expect(parsed.object["requestId"] as? String == "explicit")
        #expect(parsed.keys.filter { $0 == "requestId" }.count == 1)
    }

    /// The settings the formatter once spelled out, now JSONFormatter's defaults: nesting
    /// capped at depth 32, context fields at the top level, no call site, a cap of at least 1 KiB.
    @Test func theSettingsItSharesWithJSONFormatterKeepTheirValues() {
        func nested(_ depth: Int) -> LogValue {
            (0..<depth).reduce(LogValue.string("x")) { value, _ in .array([value]) }
        }
        let open = String(repeating: "[", count: 31)
        let close = String(repeating: "]", count: 31)
        let line = formatter.format(
            fixedRecord(fields: ["a": nested(31), "b": nested(32)], context: LogContext(["tenant": "t-1"])))
        #expect(
            line
                == head + #""INFO","message":"Hello from Lambda!","logger":"orders","requestId":"","a":"# + open
                + #""x""# + close + #","b":"# + open + #""[too deep]""# + close + #","tenant":"t-1"}"#)
        #expect(LambdaJSONFormatter(lineLimit: 1).lineLimit == 1024)
    }

    @Test func aLongMessageIsTruncatedAndTheLineStaysValid() throws {
        let small = LambdaJSONFormatter(lineLimit: 1024)
        let line = small.format(fixedRecord(.info, String(repeating: "é", count: 1500), context: invocationContext()))
        #expect(line.utf8.count <= 1024)
        #expect(line.contains("…[truncated 3000 bytes]"))
        #expect(
            try JSONCheck.keys(of: [line]) == [["timestamp", "level", "message", "logger", "requestId", "traceId"]])
    }
}
