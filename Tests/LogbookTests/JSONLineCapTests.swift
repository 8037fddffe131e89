import Foundation
import Logbook
import Testing

/// Errors with a description and a stack trace of any size.
private struct HugeError: Error, CustomStringConvertible, StackTraceProviding {
    var description: String
    var stackTrace: [String]
}

@Suite("JSON line cap covers every part of the line")
struct JSONLineCapTests {
    static let huge = String(repeating: "h", count: 100_000)

    static let oversizeRecords: [(String, LogRecord)] = [
        ("error description", makeRecord(error: HugeError(description: huge, stackTrace: []))),
        (
            "stack trace",
            makeRecord(error: HugeError(description: "x", stackTrace: Array(repeating: "frame", count: 20_000)))
        ),
        ("logger name", makeRecord(logger: huge)),
        ("request id", makeRecord(context: LogContext(["requestId": huge, "traceId": huge]))),
        (
            "everything at once",
            makeRecord(
                logger: huge, message: huge, fields: LogFields((0..<50).map { ("f\($0)", huge) }),
                context: LogContext(["requestId": huge, "traceId": huge]),
                error: HugeError(description: huge, stackTrace: [huge, huge]))
        ),
    ]

    @Test("no line exceeds the cap, and every line stays valid JSON without repeated keys")
    func everyPartIsCapped() throws {
        let formatters: [(String, any LineLimitedFormatter)] = [
            ("json", JSONFormatter()),
            ("json, minimum cap, source location", JSONFormatter(includesSourceLocation: true, lineLimit: 1)),
            ("lambda json", LambdaJSONFormatter()),
            ("lambda json, minimum cap", LambdaJSONFormatter(lineLimit: 1)),
            ("ecs", JSONFormatter.elasticCommonSchema(service: "svc", version: "1", environment: "prod")),
        ]
        for (formatterName, formatter) in formatters {
            var lines: [String] = []
            for (recordName, record) in Self.oversizeRecords {
                let line = formatter.format(record)
                #expect(
                    line.utf8.count <= formatter.lineLimit,
                    "\(formatterName), \(recordName): \(line.utf8.count) bytes over a cap of \(formatter.lineLimit)")
                lines.append(line)
            }
            let verdict = try JSONCheck.python(lines)
            #expect(verdict.errors.allSatisfy { $0 == nil }, "\(formatterName): \(verdict.errors)")
        }
    }

    @Test("a capped error keeps its type and the start of its description, marked")
    func cappedErrorIsMarked() throws {
        let line = JSONFormatter().format(makeRecord(error: HugeError(description: Self.huge, stackTrace: ["a"])))
        let object = try #require(JSONCheck.object(line))
        let error = try #require(object["error"] as? [String: Any])
        let message = try #require(error["message"] as? String)
        #expect(message.hasPrefix("hhhh") && message.hasSuffix("…[truncated 100000 bytes]"))
        #expect(error["stackTrace"] == nil)
        #expect((error["type"] as? String)?.hasSuffix("HugeError") == true)
    }
}

@Suite("JSON formatter's own keys never repeat")
struct JSONOwnKeyCollisionTests {
    @Test("a flattened error keeps the log message and writes its own as error.message")
    func flattenedError() throws {
        let line = JSONFormatter(errorLayout: .flattened).format(makeRecord(message: "hi", error: GatewayError()))
        let parsed = try JSONCheck.parse([line])[0]
        #expect(parsed.keys == ["timestamp", "level", "logger", "message", "type", "error.message"])
        #expect(parsed.object["message"] as? String == "hi")
        #expect(parsed.object["error.message"] as? String == "card declined")
    }

    @Test("a context key equal to a header key is moved aside")
    func contextKeyCollision() throws {
        let record = makeRecord(message: "hi", fields: ["x": 1], context: LogContext(["rid": "r"]))
        let parsed = try JSONCheck.parse([JSONFormatter(contextKey: "message").format(record)])[0]
        #expect(parsed.object["message"] as? String == "hi")
        #expect((parsed.object["fields.message"] as? [String: Any])?["rid"] as? String == "r")
    }

    @Test("two header keys renamed to the same name are both written once")
    func headerCollision() throws {
        let formatter = JSONFormatter(keys: .init(level: "kind", logger: "kind"))
        let parsed = try JSONCheck.parse([formatter.format(makeRecord())])[0]
        #expect(parsed.keys == ["timestamp", "kind", "fields.kind", "message"])
    }
}
