import Logbook
import Logging

/// Scenario 1: a call below the logger's level, which must cost next to nothing.
enum DisabledScenarios {
    /// A service that keeps its loggers in stored properties, the usual arrangement.
    final class Service {
        let log: Log
        let logger: Logger

        init(log: Log, logger: Logger) {
            self.log = log
            self.logger = logger
        }

        @inline(never)
        func handleWithLogbook() {
            log.debug("cache miss", ["key": "user:1042", "shard": 3])
        }

        @inline(never)
        func handleWithSwiftLog() {
            logger.debug("cache miss", metadata: ["key": "user:1042", "shard": "3"])
        }
    }

    static func all() -> [Scenario] {
        let shallow = Log("bench")
        let deep = Log("bench.l2.l3.l4.l5.l6.l7.l8.l9.l10")
        // The peer: swift-log's standard handler at its default level, info.
        let logger = Logger(label: "bench", factory: { StreamLogHandler.standardOutput(label: $0) })
        let target = Target(criteria: [.ratioAtMost(0.5), .noAllocations], text: "<= 0.5x, 0 allocs")
        let shallowService = Service(log: shallow, logger: logger)
        let deepService = Service(log: deep, logger: logger)
        return [
            local(id: "disabled.local.depth1", title: "1. disabled, local, depth 1", log: shallow, logger: logger),
            local(id: "disabled.local.depth10", title: "1. disabled, local, depth 10", log: deep, logger: logger),
            stored(
                id: "disabled.stored.depth1", title: "1. disabled, stored property, depth 1",
                service: shallowService, target: target),
            stored(
                id: "disabled.stored.depth10", title: "1. disabled, stored property, depth 10",
                service: deepService, target: target),
            // Depth against depth, alternating in the same rounds like every other pair: the
            // "swift-log" column of this row holds Logbook at depth 1.
            Scenario(
                id: "disabled.stored.depth10-vs-depth1",
                title: "1. disabled, stored property, depth 10 vs depth 1 (peer column: Logbook at depth 1)",
                logbook: { iterations in
                    for _ in 0..<iterations { deepService.handleWithLogbook() }
                },
                peer: { iterations in
                    for _ in 0..<iterations { shallowService.handleWithLogbook() }
                },
                target: Target(criteria: [.ratioAtMost(1.10)], text: "depth 10 within 10% of depth 1")),
        ]
    }

    private static func local(id: String, title: String, log: Log, logger: Logger) -> Scenario {
        Scenario(
            id: id, title: title,
            logbook: { iterations in
                let log = log
                for _ in 0..<iterations {
                    log.debug("cache miss", ["key": "user:1042", "shard": 3])
                }
            },
            peer: { iterations in
                let logger = logger
                for _ in 0..<iterations {
                    logger.debug("cache miss", metadata: ["key": "user:1042", "shard": "3"])
                }
            },
            checkedInCI: true)
    }

    private static func stored(id: String, title: String, service: Service, target: Target) -> Scenario {
        Scenario(
            id: id, title: title,
            logbook: { iterations in
                for _ in 0..<iterations { service.handleWithLogbook() }
            },
            peer: { iterations in
                for _ in 0..<iterations { service.handleWithSwiftLog() }
            },
            target: target,
            checkedInCI: true)
    }
}
