import Logbook

/// Scenarios for sampling, bootstrapped from the real process environment.
enum SamplingScenarios {
    static let all: [String: Scenario] = [
        // Bootstraps from the environment (the test sets `LOG_SAMPLING`), then: 5,000
        // identical errors from one call site as fast as it can (the time it took goes
        // to standard error), 50 distinct info messages, a pause of the first argument in
        // seconds (default 1.3), the error once more, and shutdown.
        "sampling-storm": { arguments in
            let pause = arguments.first.flatMap { Double($0) } ?? 1.3
            let setup: LogSetup
            do {
                setup = try Log.bootstrap(.environment)
            } catch {
                writeStandardError("error: \(error)\n")
                return 2
            }
            let log = Log("payments")
            func failure(_ attempt: Int) {
                log.error("charge failed", ["attempt": attempt])
            }
            let start = ContinuousClock.now
            for attempt in 1...5_000 { failure(attempt) }
            let elapsed = ContinuousClock.now - start
            let milliseconds =
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            writeStandardError("storm-milliseconds: \(milliseconds)\n")
            // Fifty distinct messages from fifty call sites, as fifty different statements
            // of a program would log them (sampling groups records by call site).
            for index in 0..<50 {
                log.info("distinct message \(index)", line: UInt(10_000 + index))
            }
            BackgroundSleep.seconds(pause)
            failure(5_001)
            setup.shutdown()
            return 0
        },
        // Bootstraps from the environment (the test sets `LOG_SAMPLING`), logs 50
        // identical errors and returns without calling anything: the exit hook must write
        // the summary of the interval still open, then drain.
        "sampling-exit": { _ in
            do {
                try Log.bootstrap(.environment)
            } catch {
                writeStandardError("error: \(error)\n")
                return 2
            }
            let log = Log("payments")
            for attempt in 1...50 { log.error("charge failed", ["attempt": attempt]) }
            return 0
        },
    ]
}

/// A blocking sleep.
enum BackgroundSleep {
    static func seconds(_ seconds: Double) {
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 { request = remaining }
    }
}
