import CBenchSupport
import Logbook

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 11's end-to-end peer: Logbook's JSON to `/dev/null` (scenario 4's path:
/// `StreamSink(.standardOutput)` with `JSONFormatter()`, standard output pointed at
/// `/dev/null`, `TZ=UTC`) against zerolog writing the same record to `/dev/null` from the
/// Go program in `Benchmarks/zerolog/`, in alternating rounds. Both run on one CPU: the
/// row pins the benchmark's thread to the CPU it is on before starting the peer, which
/// inherits the pin (on a VM one virtual CPU can run at half the speed of the other for
/// seconds at a time, and unpinned the two processes often landed on different ones).
/// Without `go` or Debian's zerolog package the row has no peer and its title says "not
/// measured".
enum EndToEndZerologScenarios {
    /// The logger name of both sides (zerolog's `logger` field).
    static let loggerName = "bench.e2e.peer"

    static func all() -> [Scenario] {
        let log = Log(loggerName)
        log.propagates = false
        let reason = ZerologPeer.unavailableReason
        // Built and started on the first peer call, so runs that filter the row out (or
        // count instructions under valgrind, which skips the peer) never build it.
        nonisolated(unsafe) var peer: ZerologPeer??
        let peerWorkload: Workload = { iterations in
            if peer == nil {
                showLogbookRecord(log)
                peer = .some(ZerologPeer.start())
            }
            guard let running = peer ?? nil, let totals = running.run(iterations) else {
                Report.progress("zerolog peer failed; set BENCH_NO_ZEROLOG=1 to run without it")
                exit(2)
            }
            Harness.reportExternal(nanoseconds: totals.nanoseconds, allocations: totals.allocations)
        }
        return [
            Scenario(
                id: "e2e.json.zerolog",
                title: reason.map { "11. end to end, JSON to /dev/null, TZ=UTC (zerolog: not measured, \($0))" }
                    ?? "11. end to end, JSON to /dev/null, TZ=UTC (peer column: zerolog, Go, on the same CPU)",
                logbook: { iterations in
                    LogContext.with(Fixtures.contextFields) {
                        for _ in 0..<iterations { logRecord(log) }
                    }
                },
                peer: reason == nil ? peerWorkload : nil,
                target: reason == nil ? Target(criteria: [.ratioAtMost(0.6)], text: "<= 0.6x zerolog's time") : nil,
                peerRunsUnderValgrind: false,
                prepare: {
                    let cpu = bench_pin_to_current_cpu()
                    Report.progress(
                        cpu >= 0
                            ? "zerolog row: this thread and the peer pinned to CPU \(cpu)"
                            : "zerolog row: not pinned to one CPU (not available here)")
                    setenv("TZ", "UTC", 1)
                    tzset()
                    log.removeAllSinks()
                    log.addSink(StreamSink(.standardOutput, formatter: JSONFormatter()))
                })
        ]
    }

    /// Writes Logbook's record of this row to standard error once, beside zerolog's, to
    /// compare their shapes by eye.
    private static func showLogbookRecord(_ log: Log) {
        let sinks = log.sinks
        log.removeAllSinks()
        log.addSink(StreamSink(.standardError, formatter: JSONFormatter()))
        Report.progress("zerolog peer: Logbook's record of the same row follows")
        LogContext.with(Fixtures.contextFields) { logRecord(log) }
        log.removeAllSinks()
        for sink in sinks { log.addSink(sink) }
    }

    /// The record of scenario 4, as `EndToEndScenarios` writes it.
    @inline(__always)
    private static func logRecord(_ log: Log) {
        log.info(
            "request completed",
            ["method": "GET", "path": "/api/orders/42", "status": 200, "duration_ms": 12.5, "cached": false])
    }
}
