import Logbook
import Logging

/// Scenario 2: an enabled call into a sink (or handler) that drops the record, which
/// measures the logging front end: building the record, reading the context, dispatch.
enum EnabledScenarios {
    static func all() -> [Scenario] {
        let log = Log("bench.enabled")
        let logger = Logger(label: "bench.enabled", factory: { _ in DiscardingLogHandler() })
        return [
            Scenario(
                id: "enabled.message",
                title: "2. enabled, message only",
                logbook: { iterations in
                    for _ in 0..<iterations {
                        log.info("request completed")
                    }
                },
                peer: { iterations in
                    for _ in 0..<iterations {
                        logger.info("request completed")
                    }
                },
                checkedInCI: true),
            Scenario(
                id: "enabled.fields5",
                title: "2. enabled, + 5 call-site fields",
                logbook: { iterations in
                    for _ in 0..<iterations {
                        log.info(
                            "request completed",
                            ["method": "GET", "path": "/api/orders/42", "status": 200, "duration_ms": 12.5, "cached": false])
                    }
                },
                peer: { iterations in
                    for _ in 0..<iterations {
                        logger.info(
                            "request completed",
                            metadata: [
                                "method": "GET", "path": "/api/orders/42", "status": "200", "duration_ms": "12.5",
                                "cached": "false",
                            ])
                    }
                },
                checkedInCI: true),
            Scenario(
                id: "enabled.fields5.context3",
                title: "2. enabled, + 5 fields + 3 context fields",
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
                target: Target(criteria: [.ratioAtMost(0.75)], text: "<= 0.75x"),
                checkedInCI: true),
        ]
    }
}
