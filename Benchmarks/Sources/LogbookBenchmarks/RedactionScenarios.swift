import CBenchSupport
import Logbook
import LogbookTesting

/// What redaction costs a formatter when no key matches (issue 13: at most 10 %): the
/// record of scenario 3 formatted with the default rules against the same record with
/// ``LogRedaction/disabled``. The rules are process-wide, so each side runs its samples
/// inside its own scoped bootstrap (set-up and restore untimed).
enum RedactionScenarios {
    static func all() -> [Scenario] {
        [
            row(id: "format.json.redaction", formatter: JSONFormatter(), name: "JSON"),
            row(id: "format.logfmt.redaction", formatter: LogfmtFormatter(), name: "logfmt"),
        ]
    }

    private static func row(id: String, formatter: any LogFormatter, name: String) -> Scenario {
        let record = FormattingScenarios.record()
        func scoped(_ redaction: LogRedaction) -> Workload {
            { iterations in
                var paused = Harness.pauseTiming()
                let configuration = LogConfiguration(level: .info, sinks: [DiscardingSink()], redaction: redaction)
                _ = try? await withScopedLogBootstrap(configuration) {
                    Harness.resumeTiming(paused)
                    LogBuffer.withScratch { buffer in
                        for _ in 0..<iterations {
                            buffer.removeAll()
                            formatter.format(record, into: &buffer)
                        }
                        buffer.withUnsafeBytes { bench_blackhole($0.baseAddress) }
                    }
                    paused = Harness.pauseTiming()
                }
                Harness.resumeTiming(paused)
            }
        }
        // The "swift-log" column of these rows holds Logbook with redaction disabled.
        return Scenario(
            id: id,
            title: "13. format \(name), default redaction rules vs disabled (peer column: disabled)",
            logbook: scoped(.default),
            peer: scoped(.disabled),
            target: Target(criteria: [.ratioAtMost(1.10)], text: "<= 1.10x disabled"),
            // The scoped bootstrap awaits a lock; callgrind 3.19 crashes on such a hop.
            runsUnderValgrind: false)
    }
}
