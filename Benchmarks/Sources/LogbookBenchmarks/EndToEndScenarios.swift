import Logbook
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scenario 4: the whole path to `/dev/null` (standard output is redirected there for
/// the run): Logbook's `StreamSink` with `JSONFormatter` against swift-log's
/// `StreamLogHandler`, the same message, five call-site fields and three context fields.
enum EndToEndScenarios {
    static func all() -> [Scenario] {
        let log = Log("bench.e2e")
        log.addSink(StreamSink(.standardOutput, formatter: JSONFormatter()))
        log.propagates = false
        let logger = Logger(label: "bench.e2e", factory: { StreamLogHandler.standardOutput(label: $0) })
        return [
            scenario(
                id: "e2e.json.tz-unset", title: "4. end to end, JSON to /dev/null, TZ unset", timeZone: nil,
                log: log, logger: logger, target: nil),
            scenario(
                id: "e2e.json.tz-utc", title: "4. end to end, JSON to /dev/null, TZ=UTC", timeZone: "UTC",
                log: log, logger: logger,
                target: Target(criteria: [.throughputAtLeast(8)], text: ">= 8x swift-log throughput"),
                checkedInCI: true),
        ]
    }

    private static func scenario(
        id: String, title: String, timeZone: String?, log: Log, logger: Logger, target: Target?,
        checkedInCI: Bool = false
    ) -> Scenario {
        Scenario(
            id: id, title: title,
            logbook: { iterations in
                LogContext.with(Fixtures.contextFields) {
                    for _ in 0..<iterations {
                        log.info(
                            "request completed",
                            ["method": "GET", "path": "/api/orders/42", "status": 200, "duration_ms": 12.5, "cached": false])
                    }
                }
            },
            peer: { iterations in
                withLogger(logger) { _ in
                    withLogger(mergingMetadata: Fixtures.contextMetadata) { logger in
                        for _ in 0..<iterations {
                            logger.info(
                                "request completed",
                                metadata: [
                                    "method": "GET", "path": "/api/orders/42", "status": "200", "duration_ms": "12.5",
                                    "cached": "false",
                                ])
                        }
                    }
                }
            },
            target: target,
            checkedInCI: checkedInCI,
            prepare: {
                if let timeZone { setenv("TZ", timeZone, 1) } else { unsetenv("TZ") }
                tzset()
            })
    }
}
