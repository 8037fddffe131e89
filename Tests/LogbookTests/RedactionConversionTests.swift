import Logbook
import Synchronization
import Testing

/// Values whose ``LogValueConvertible/logValue`` changes between calls (a shared object another
/// thread updates, say): what a formatter writes must be what the redaction checked, whatever
/// the pipeline's check and the writer's conversion saw.
@Suite("Redaction of values whose conversion changes")
struct RedactionConversionTests {
    /// The keys a formatter writes outside its field loop (Lambda's request and trace ids,
    /// syslog's `logger` and trace context), and an ordinary one.
    static let keys = ["session", "requestId", "traceId", "logger", "trace_id", "span_id"]

    /// One line per formatter of ``RedactionTests/formatters``, of a record whose `key` holds `value`
    /// between two ordinary fields.
    static func lines(key: String, value: @autoclosure () -> any LogValueConvertible) -> [(String, String)] {
        RedactionTests.formatters.map { name, formatter in
            let fields = LogFields([("before", "b-1"), (key, value()), ("after", "a-2")])
            let record = LogRecord(level: .info, logger: "app", message: "m", fields: fields)
            var buffer = LogBuffer()
            formatter.format(record, into: &buffer)
            return (name, buffer.string)
        }
    }

    @Test(
        "a value converted to a scalar first and to an object holding a secret later: no formatter writes it",
        arguments: keys)
    func scalarThenObject(key: String) {
        for (name, line) in Self.lines(key: key, value: ChangingConversion(first: .string("s-1"))) {
            #expect(!line.contains("hunter2"), "\(name), \(key): \(line)")
            #expect(line.contains("b-1") && line.contains("a-2"), "\(name), \(key) lost a field: \(line)")
        }
    }

    @Test(
        "a value converted to an object first and to another holding a secret later: no formatter writes it",
        arguments: keys)
    func objectThenObject(key: String) {
        for (name, line) in Self.lines(key: key, value: ChangingConversion(first: .object(["user": "u-7"]))) {
            #expect(!line.contains("hunter2"), "\(name), \(key): \(line)")
            #expect(line.contains("b-1") && line.contains("a-2"), "\(name), \(key) lost a field: \(line)")
        }
    }

    @Test("the object a later conversion gives is written with its redacted key, once converted")
    func laterObjectWrittenRedacted() {
        let record = LogRecord(
            level: .info, logger: "app", message: "m",
            fields: ["session": ChangingConversion(first: .string("s-1")), "after": "a-2"])
        let line = JSONFormatter().format(record)
        #expect(line.contains(#""session":{"password":"[REDACTED]","user":"u-8"},"after":"a-2"}"#), "\(line)")
    }
}

/// A value whose first conversion is `first` and whose later ones are an object holding a
/// redacted key.
final class ChangingConversion: LogValueConvertible, Sendable {
    private let conversions = Atomic(0)
    private let first: LogValue

    init(first: LogValue) {
        self.first = first
    }

    var logValue: LogValue {
        if conversions.add(1, ordering: .relaxed).newValue == 1 { return first }
        return .object(["password": "hunter2", "user": "u-8"])
    }
}
