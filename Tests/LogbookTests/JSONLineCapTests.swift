import Foundation
import Logbook
import Testing

/// Errors with a description and a stack trace of any size.
private struct HugeError: Error, CustomStringConvertible, StackTraceProviding {
    var description: String
    var stackTrace: [String]
}

/// A field value that grows after it was read a few times, as one computed from a clock or
/// from state another thread changes can: the formatter reads it in each of its passes.
private final class GrowingValue: LogValueConvertible, @unchecked Sendable {
    private let reads = LockedCounter()
    var logValue: LogValue { .string(String(repeating: "v", count: reads.next() <= 4 ? 100 : 3000)) }
}

/// A field value that counts how often the formatter reads it.
private final class CountedValue: LogValueConvertible, @unchecked Sendable {
    let reads = LockedCounter()
    var logValue: LogValue {
        _ = reads.next()
        return .int(42)
    }
}

private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var count = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}

@Suite("JSON line cap covers every part of the line")
struct JSONLineCapTests {
    @Test("a line stays within the cap and valid when a field's value grows between the formatter's passes")
    func valueGrowingBetweenPasses() throws {
        let formatter = JSONFormatter(lineLimit: 1024)
        let record = makeRecord(message: String(repeating: "m", count: 5000), fields: ["grows": GrowingValue()])
        var buffer = LogBuffer()
        formatter.formatLine(record, into: &buffer)
        #expect(buffer.count <= 1024)
        _ = try JSONCheck.parse([buffer.string])
    }

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
        let formatters: [(String, any LogFormatter)] = [
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

    @Test("a promoted array or object too long for a capped line is left out and counted")
    func promotedContainersAreBounded() throws {
        let formatter = LambdaJSONFormatter(lineLimit: 1024)
        let longArray = LogValue.array(Array(repeating: "xxxxxxxxxx", count: 500))
        let longObject = LogValue.object(LogFields((0..<200).map { ("k\($0)", "v") }))
        for fields: LogFields in [["requestId": longArray], ["traceId": longObject]] {
            let line = formatter.format(makeRecord(fields: fields))
            #expect(line.utf8.count <= 1024, "\(line.utf8.count) bytes")
            let object = try #require(JSONCheck.object(line))
            #expect(object["logbook.dropped_fields"] as? Int == 1)
            #expect(object["message"] as? String == "charge created")
        }
    }

    @Test("a capped pass reads a promoted value no more often than any other field's")
    func promotedValueReadOncePerPass() throws {
        let formatter = LambdaJSONFormatter(lineLimit: 1024)
        // Over the cap without the message, so written three times: whole, without the
        // message, capped.
        let error = HugeError(description: "x", stackTrace: [String(repeating: "f", count: 2000)])
        let promoted = CountedValue()
        let line = formatter.format(makeRecord(fields: ["requestId": promoted], error: error))
        let other = CountedValue()
        _ = formatter.format(makeRecord(fields: ["other": other], error: error))
        #expect(other.reads.count > 0)
        #expect(promoted.reads.count == other.reads.count)
        #expect(line.contains(#""requestId":42,"#))
    }

    @Test("with the call site on, a long line keeps its message and the fields that fit")
    func sourceLocationLeavesRoomForFields() throws {
        let fields = LogFields((0..<1000).map { ("field\($0)", String(repeating: "v", count: 30)) })
        for formatter in [
            JSONFormatter.googleCloudLogging(), JSONFormatter(includesSourceLocation: true),
            JSONFormatter(includesSourceLocation: true, lineLimit: 1024),
        ] {
            let line = formatter.format(makeRecord(message: "hi", fields: fields))
            #expect(line.utf8.count <= formatter.lineLimit)
            let object = try #require(JSONCheck.object(line))
            #expect(object["message"] as? String == "hi")
            let written = object.keys.filter { $0.hasPrefix("field") }.count
            let dropped = try #require(object["logbook.dropped_fields"] as? Int)
            #expect(written + dropped == 1000)
            // Nearly all the room the cap leaves goes to fields: each takes 45 bytes.
            #expect(written >= (formatter.lineLimit - 400) / 45, "\(written) fields written")
        }
    }

    @Test("own keys longer than the cap raise the cap instead of breaking it")
    func longOwnKeysRaiseTheCap() throws {
        let formatter = JSONFormatter(keys: .init(message: String(repeating: "m", count: 2000)), lineLimit: 1024)
        #expect(formatter.lineLimit > 2000)
        let line = formatter.format(makeRecord(message: Self.huge))
        #expect(line.utf8.count <= formatter.lineLimit)
        #expect(JSONCheck.object(line) != nil)
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

    @Test("with keys so long that even capped texts overflow, the line is the header alone, within the cap")
    func headerOnly() throws {
        let long = String(repeating: "k", count: 3000)
        let formatter = JSONFormatter(keys: JSONFormatter.Keys(message: long), lineLimit: 1024)
        let huge = Self.huge
        let record = makeRecord(
            logger: huge, message: huge, fields: ["f": "v"], error: HugeError(description: huge, stackTrace: []))
        let line = formatter.format(record)
        #expect(line.utf8.count <= formatter.lineLimit, "\(line.utf8.count) bytes over \(formatter.lineLimit)")
        let object = try #require(JSONCheck.object(line))
        // The message left out, texts cut to 32 bytes, the field and the stack trace dropped.
        #expect((object[long] as? String)?.hasPrefix("…[truncated") == true)
        #expect((object["logger"] as? String)?.hasPrefix(String(repeating: "h", count: 32) + "…[truncated") == true)
        #expect(object["f"] == nil && object["logbook.dropped_fields"] as? Int == 2)
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

    @Test("fields named like an own key and like its renamed form get distinct keys")
    func renamedFieldsNeverCollide() throws {
        let formatters = [
            JSONFormatter(keys: .init(level: "kind", logger: "kind")),
            JSONFormatter(contextKey: "message"),
            JSONFormatter(keys: .init(timestamp: "message")),
        ]
        for formatter in formatters {
            for own in ["kind", "message"] {
                let fields: LogFields = [own: 1, "fields." + own: 2, "fields.fields." + own: 3]
                let line = formatter.format(makeRecord(fields: fields, context: LogContext(["c": 1])))
                // JSONCheck.parse fails on a repeated key.
                let parsed = try JSONCheck.parse([line])[0]
                let values = Set(parsed.object.values.compactMap { $0 as? Int })
                #expect(values.isSuperset(of: [1, 2, 3]), "\(line)")
            }
        }
    }

    @Test("a capped line whose last field has the renamed form of an own key counts each left-out field once")
    func renamedFieldAfterTheCap() throws {
        // `status` is the level's key: the first field is written as `fields.status`, unless
        // a field of the line has that key, as the last one does (then `fields.fields.status`).
        var fields: LogFields = ["status": 1]
        for index in 0..<100 { fields["f\(index)"] = String(repeating: "v", count: 30) }
        fields["fields.status"] = 2
        let formatter = JSONFormatter(keys: .init(level: "status"), lineLimit: 1024)
        let line = formatter.format(makeRecord(fields: fields))
        #expect(line.utf8.count <= 1024)
        let object = try JSONCheck.parse([line])[0].object
        #expect(object["fields.fields.status"] as? Int == 1)
        let written = object.keys.filter { $0.hasPrefix("f") }.count
        #expect(written + (try #require(object["logbook.dropped_fields"] as? Int)) == 102, "\(line)")
    }

    @Test("a configured key equal to the dropped-fields key moves the count aside")
    func droppedFieldsKeyCollision() throws {
        // The stack trace is left out of the capped line and counted; the context object fits.
        struct TracedError: Error, StackTraceProviding {
            var stackTrace: [String] { Array(repeating: String(repeating: "frame ", count: 20), count: 20) }
        }
        let record = makeRecord(fields: ["x": 1], context: LogContext(["rid": "r"]), error: TracedError())
        let formatters = [
            JSONFormatter(contextKey: "logbook.dropped_fields", lineLimit: 1024),
            JSONFormatter(keys: .init(message: "logbook.dropped_fields"), lineLimit: 1024),
        ]
        for formatter in formatters {
            let line = formatter.format(record)
            #expect(line.utf8.count <= 1024)
            // JSONCheck.parse fails on a repeated key.
            let object = try JSONCheck.parse([line])[0].object
            #expect(object["fields.logbook.dropped_fields"] as? Int == 1, "\(line)")
        }
    }

    @Test("two header keys renamed to the same name are both written once")
    func headerCollision() throws {
        let formatter = JSONFormatter(keys: .init(level: "kind", logger: "kind"))
        let parsed = try JSONCheck.parse([formatter.format(makeRecord())])[0]
        #expect(parsed.keys == ["timestamp", "kind", "fields.kind", "message"])
    }
}
