import Logbook

/// Scenario 5: the async sink to `/dev/null` (an `AsyncSink` around a `StreamSink` with
/// `JSONFormatter` on standard output): sustained records per second from one and from
/// two producer tasks, each sample ending when the background thread has written every
/// record; and the producer's cost per call, the time a logging call takes to hand its
/// record over, with the draining excluded from the timing. swift-log has no
/// asynchronous handler, so these rows have no peer.
enum AsyncSinkScenarios {
    static func all() -> [Scenario] {
        let sink = AsyncSink(StreamSink(.standardOutput, formatter: JSONFormatter()))
        let log = Log("bench.async")
        log.addSink(sink)
        log.propagates = false
        let sustained = Target(criteria: [.recordsPerSecondAtLeast(2_000_000)], text: ">= 2,000,000 records/s")
        return [
            Scenario(
                id: "async.sustained.1",
                title: "5. async sink to /dev/null, 1 producer, sustained",
                logbook: { iterations in
                    produce(iterations, into: log)
                    sink.flush()
                },
                target: sustained,
                runsUnderValgrind: false),
            Scenario(
                id: "async.sustained.2",
                title: "5. async sink to /dev/null, 2 producers, sustained",
                logbook: { iterations in
                    await withTaskGroup(of: Void.self) { group in
                        for share in [iterations / 2, iterations - iterations / 2] {
                            group.addTask { produce(share, into: log) }
                        }
                    }
                    sink.flush()
                },
                target: sustained,
                runsUnderValgrind: false),
            Scenario(
                id: "async.producer",
                title: "5. async sink, producer cost per call",
                logbook: { iterations in
                    // Chunks smaller than the queue, drained between chunks off the clock, so
                    // no call waits for room: this is the cost of the call alone.
                    var remaining = iterations
                    while remaining > 0 {
                        let chunk = min(remaining, 4096)
                        produce(chunk, into: log)
                        Harness.untimed { sink.flush() }
                        remaining -= chunk
                    }
                },
                target: Target(criteria: [.nanosecondsAtMost(200)], text: "<= 200 ns per call"),
                runsUnderValgrind: false),
        ]
    }

    /// Logs `count` copies of the benchmark record, with its three context fields bound.
    static func produce(_ count: Int, into log: Log) {
        LogContext.with(Fixtures.contextFields) {
            for _ in 0..<count {
                log.info(
                    "request completed",
                    ["method": "GET", "path": "/api/orders/42", "status": 200, "duration_ms": 12.5, "cached": false])
            }
        }
    }
}
