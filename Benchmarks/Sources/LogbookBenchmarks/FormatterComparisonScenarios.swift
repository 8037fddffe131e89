import Logbook

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 11's measuring stick: every preconfigured formatter against `JSONFormatter()`
/// on the record of scenario 3 (five call-site and three context fields), each into the
/// thread's reused buffer. The peer column of each row holds `JSONFormatter()` itself,
/// measured in alternating rounds with the row's formatter, so the ratio is the
/// formatter's time over JSON's in the same minute. The target is the issue's: at most
/// 1.3x JSON and no allocation per record.
enum FormatterComparisonScenarios {
    /// The formatters of the comparison, as `(id suffix, title, formatter)`.
    static func formatters() -> [(id: String, name: String, formatter: any LogFormatter)] {
        [
            ("json", "JSONFormatter()", JSONFormatter()),
            ("ecs", "JSONFormatter.elasticCommonSchema()", JSONFormatter.elasticCommonSchema()),
            ("datadog", "JSONFormatter.datadog()", JSONFormatter.datadog()),
            ("gcp", "JSONFormatter.googleCloudLogging()", JSONFormatter.googleCloudLogging()),
            ("lambda-json", "LambdaJSONFormatter()", LambdaJSONFormatter()),
            ("console", "ConsoleFormatter(colors: .never)", ConsoleFormatter(colors: .never)),
            ("logfmt", "LogfmtFormatter()", LogfmtFormatter()),
            ("lambda-text", "LambdaTextFormatter()", LambdaTextFormatter()),
            (
                "syslog", "SyslogFormatter(appName:hostname:processID:)",
                SyslogFormatter(appName: "bench", hostname: "bench-host", processID: "4242")
            ),
        ]
    }

    static func all() -> [Scenario] {
        if getenv("BENCH_SHOW_RECORDS") != nil { showRecords() }
        let json = workload(JSONFormatter())
        return formatters().map { entry in
            let isJSON = entry.id == "json"
            return Scenario(
                id: "formatters.\(entry.id)",
                title: isJSON
                    ? "11. \(entry.name) against itself (noise check; peer column: JSONFormatter())"
                    : "11. \(entry.name), 5 + 3 fields (peer column: JSONFormatter())",
                logbook: workload(entry.formatter),
                peer: json,
                target: isJSON
                    ? Target(criteria: [.noAllocations], text: "0 allocs")
                    : Target(criteria: [.ratioAtMost(1.3), .noAllocations], text: "<= 1.3x JSON, 0 allocs"),
                checkedInCI: true)
        }
    }

    /// Writes each formatter's line for the record to standard error (`BENCH_SHOW_RECORDS=1`),
    /// to check by eye that every row formats the whole record.
    private static func showRecords() {
        let record = FormattingScenarios.record()
        for entry in formatters() {
            var buffer = LogBuffer()
            entry.formatter.format(record, into: &buffer)
            let line = buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
            Report.progress("formatters.\(entry.id) (\(buffer.count) bytes): \(line)")
        }
    }

    /// Scenario 3's formatting loop (the thread's reused buffer, the same record).
    private static func workload(_ formatter: any LogFormatter) -> Workload {
        FormattingScenarios.formatting(id: "", title: "", formatter: formatter, target: nil).logbook
    }
}
