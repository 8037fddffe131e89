import CBenchSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--counts`: runs each scenario's sides a fixed number of times and prints their
/// allocation counts. Under `valgrind --tool=callgrind` it also brackets each measured
/// loop with client requests, so callgrind writes one profile dump per side whose
/// total is that loop's instruction count. Nothing here depends on wall-clock time.
enum CountsMode {
    static func run(_ scenarios: [Scenario], iterations: Int) async {
        Report.line(
            "# counts: iterations=\(iterations) allocation-counting=\(bench_allocation_counting_available()) "
                + "callgrind=\(bench_running_on_valgrind())")
        // BENCH_ALL_UNDER_VALGRIND=1 runs every scenario under valgrind anyway.
        let underValgrind = bench_running_on_valgrind() != 0 && getenv("BENCH_ALL_UNDER_VALGRIND") == nil
        for scenario in scenarios where scenario.runsUnderValgrind || !underValgrind {
            scenario.prepare()
            await measure(scenario.logbook, id: scenario.id, side: "logbook", iterations: iterations)
            if let peer = scenario.peer, scenario.peerRunsUnderValgrind || !underValgrind {
                await measure(peer, id: scenario.id, side: "swift-log", iterations: iterations)
            }
        }
    }

    private static func measure(_ workload: Workload, id: String, side: String, iterations: Int) async {
        // Warm up: first-use work (thread scratch buffers, lazy globals) is not steady state.
        await workload(max(iterations / 10, 10))
        let label = "\(id) \(side)"
        let before = bench_allocation_count()
        bench_callgrind_zero()
        await workload(iterations)
        label.withCString { bench_callgrind_dump($0) }
        // A peer in another process (zerolog) reports its own count.
        var allocations = Harness.takeExternalTotals()?.allocations ?? (bench_allocation_count() - before)
        // The counter is process-wide, so a runtime or Dispatch thread allocating during the
        // loop is charged to it now and then. Such strays are rare and random: the fewest
        // allocations of three runs is the workload's own count.
        for _ in 0..<2 where allocations > 0 {
            let again = bench_allocation_count()
            await workload(iterations)
            allocations = min(
                allocations, Harness.takeExternalTotals()?.allocations ?? (bench_allocation_count() - again))
        }
        Report.line("count \(id) \(side) iterations=\(iterations) allocations=\(allocations)")
    }
}
