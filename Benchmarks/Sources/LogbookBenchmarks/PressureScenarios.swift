import Logbook

/// Scenario 9: sampling and a level for one task tree. The peer column of each row holds
/// Logbook itself, configured the way the row is compared with (sampling off, no
/// override), so the row shows what the feature adds.
enum PressureScenarios {
    static func all() -> [Scenario] {
        let plain = Log("bench.pressure.plain")
        // Every record passes but is counted: the cost of the sampler on a written record.
        let passing = Log("bench.pressure.passing")
        passing.sampling = try! LogSampling(first: .max, per: .seconds(3600))
        // Every record after the first is dropped: the cost of a suppressed record.
        let dropping = Log("bench.pressure.dropping")
        dropping.sampling = try! LogSampling(first: 1, per: .seconds(3600))
        let debugLevel = Log("bench.pressure.debug-level")
        debugLevel.level = .debug
        let overridden = Log("bench.pressure.override")
        // A sink that keeps one subtree, reached by a record of a logger below it; the peer's
        // sink has no filter. Neither propagates, so the root's sinks are not part of the row.
        let filtered = Log("bench.pressure.payments.gateway")
        filtered.propagates = false
        filtered.addSink(DiscardingSink(filters: [.logger(under: "bench.pressure.payments")]))
        let unfiltered = Log("bench.pressure.unfiltered")
        unfiltered.propagates = false
        unfiltered.addSink(DiscardingSink())
        return [
            Scenario(
                id: "sampling.on.written",
                title: "9. sampling on, record written (peer column: Logbook, sampling off)",
                logbook: { iterations in
                    for _ in 0..<iterations { passing.info("request completed") }
                },
                peer: { iterations in
                    for _ in 0..<iterations { plain.info("request completed") }
                },
                target: Target(criteria: [.differenceAtMost(40)], text: "<= +40 ns per enabled record")),
            Scenario(
                id: "sampling.on.suppressed",
                title: "9. sampling on, record suppressed (peer column: Logbook, sampling off)",
                logbook: { iterations in
                    for _ in 0..<iterations { dropping.info("request completed", ["status": 200]) }
                },
                peer: { iterations in
                    for _ in 0..<iterations { plain.info("request completed", ["status": 200]) }
                },
                target: Target(criteria: [.noAllocations], text: "0 allocs")),
            Scenario(
                id: "override.inside.debug",
                title: "9. debug inside LogContext.with(level: .debug) (peer column: Logbook, logger at debug)",
                logbook: { iterations in
                    LogContext.with(level: .debug) {
                        for _ in 0..<iterations { overridden.debug("cache miss") }
                    }
                },
                peer: { iterations in
                    for _ in 0..<iterations { debugLevel.debug("cache miss") }
                },
                target: Target(
                    criteria: [.ratioAtMost(1.5), .noAllocations], text: "<= 1.5x a logger at debug, 0 allocs")),
            Scenario(
                id: "override.elsewhere.disabled",
                title: "9. disabled debug while another task has an override (peer column: Logbook, none active)",
                logbook: { iterations in
                    LogContext.with(level: .debug) {
                        LogContext.with(LogContext()) {
                            for _ in 0..<iterations { plain.debug("cache miss", ["key": "user:1042"]) }
                        }
                    }
                },
                peer: { iterations in
                    for _ in 0..<iterations { plain.debug("cache miss", ["key": "user:1042"]) }
                },
                target: Target(criteria: [.noAllocations], text: "0 allocs")),
            Scenario(
                id: "filter.logger-under",
                title: "9. a sink filtering by logger subtree keeps the record (peer column: Logbook, no filter)",
                logbook: { iterations in
                    for _ in 0..<iterations { filtered.info("request completed") }
                },
                peer: { iterations in
                    for _ in 0..<iterations { unfiltered.info("request completed") }
                },
                target: Target(criteria: [.noAllocations], text: "0 allocs")),
        ]
    }
}
