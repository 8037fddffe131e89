import CBenchSupport
import Logbook

/// Scenario 3: turning a record into bytes, with no I/O. swift-log has no formatter
/// separate from its handlers, so these rows have no peer; the target is absolute.
enum FormattingScenarios {
    /// The record of the other scenarios: five call-site fields and three context fields.
    static func record() -> LogRecord {
        LogRecord(
            timestamp: .now(), level: .info, logger: "bench.format", message: "request completed",
            fields: ["method": "GET", "path": "/api/orders/42", "status": 200, "duration_ms": 12.5, "cached": false],
            context: LogContext(Fixtures.contextFields))
    }

    static func all() -> [Scenario] {
        [
            formatting(
                id: "format.json", title: "3. format JSON, 5 + 3 fields", formatter: JSONFormatter(),
                target: Target(criteria: [.noAllocations, .nanosecondsAtMost(300)], text: "0 allocs, <= 300 ns")),
            formatting(
                id: "format.logfmt", title: "3. format logfmt, 5 + 3 fields", formatter: LogfmtFormatter(),
                target: nil),
            formatting(
                id: "format.lambda-json", title: "3. format Lambda JSON, 5 + 3 fields",
                formatter: LambdaJSONFormatter(), target: nil),
        ]
    }

    /// Formats the record into the thread's reused buffer, as a sink does.
    static func formatting(id: String, title: String, formatter: any LogFormatter, target: Target?) -> Scenario {
        let record = record()
        return Scenario(
            id: id, title: title,
            logbook: { iterations in
                LogBuffer.withScratch { buffer in
                    for _ in 0..<iterations {
                        buffer.removeAll()
                        formatter.format(record, into: &buffer)
                    }
                    buffer.withUnsafeBytes { bench_blackhole($0.baseAddress) }
                }
            },
            target: target,
            checkedInCI: true)
    }
}
