import Dispatch
import Logbook
import LogbookTesting

/// How a process ends and what its sinks had accepted: exit, crash, SIGKILL, signals.
enum LifecycleScenarios {
    static let all: [String: Scenario] = [
        "exit-drain": exitDrain,
        "exit-drain-nonroot": exitDrainNonRoot,
        "exit-while-logging": exitWhileLogging,
        "exit-stalled-sink": exitStalledSink,
        "exit-hook-once": exitHookOnce,
        "burst-writer": burstWriter,
        "kill-writers": killWriters,
        "signal-drain": signalDrain,
        "shutdown-longest-timeout": shutdownLongestTimeout,
    ]

    /// Queues 10 records in `AsyncSink(StreamSink(standard output))` and shuts it down
    /// with a timeout of `Int64.max / 1_000_000_000` seconds (about 292 years: the longest
    /// whole number of seconds whose nanoseconds fit in `Int64`), then prints
    /// `shutdown: <result>` on standard error.
    static func shutdownLongestTimeout(_ arguments: [String]) async -> Int32 {
        let sink = AsyncSink(StreamSink(.standardOutput, formatter: JSONFormatter()))
        for seq in 0..<10 { sink.write(LogRecord(level: .info, logger: "app", message: "record \(seq)")) }
        let drained = sink.shutdown(timeout: .seconds(Int64.max / 1_000_000_000))
        writeStandardError("shutdown: \(drained)\n")
        return 0
    }

    /// Bootstraps `AsyncSink(FileSink(path))`, logs 20,000 `info` records and one
    /// `critical` (field `seq` 0...20,000, field `run` = the third argument), then ends as
    /// the second argument says: `return` (from the scenario, then `main`), `exit`
    /// (`exit(1)`) or `fatal` (`fatalError()`). Never calls `shutdown`.
    static func exitDrain(_ arguments: [String]) async -> Int32 {
        guard arguments.count >= 2 else { return 64 }
        let run = arguments.count > 2 ? arguments[2] : "main"
        guard bootstrapAsyncFile(arguments[0]) else { return 1 }
        let log = Log("app")
        for seq in 0..<20_000 {
            log.info("record", ["seq": seq, "run": run])
        }
        log.critical("the last record", ["seq": 20_000, "run": run])
        switch arguments[1] {
        case "exit": exit(1)
        case "fatal": fatalError("crash right after the critical record")
        default: return 0
        }
    }

    /// Bootstraps a root without sinks, attaches `AsyncSink(FileSink(path))` to `audit`,
    /// which does not propagate, logs 20,000 records there (field `seq`, field `run` =
    /// `main`) and returns without calling `shutdown`: the exit drain must reach sinks
    /// that are not the root's. The drain has ``drainDeadline``: what is checked is that
    /// it reaches the sink, not how fast it writes.
    static func exitDrainNonRoot(_ arguments: [String]) async -> Int32 {
        guard let path = arguments.first else { return 64 }
        do {
            try Log.bootstrap(LogConfiguration(level: .info, sinks: [], shutdownTimeout: drainDeadline))
            let audit = Log("audit")
            audit.propagates = false
            audit.addSink(AsyncSink(try FileSink(path: path)))
            for seq in 0..<20_000 {
                audit.info("record", ["seq": seq, "run": "main"])
            }
            return 0
        } catch {
            print("unexpected: \(error)")
            return 1
        }
    }

    /// Four threads log without pause while the main thread logs 1,000 records (field
    /// `main`) and calls `exit(0)`. The shutdown deadline is the second argument in
    /// milliseconds; `alarm` ends the process (SIGALRM) if it runs 10 seconds past it.
    /// Prints how long the exit drain took (see ``reportExitDrainTime()``).
    static func exitWhileLogging(_ arguments: [String]) async -> Int32 {
        guard arguments.count >= 2, let milliseconds = Int(arguments[1]), milliseconds >= 0 else { return 64 }
        reportExitDrainTime()
        guard bootstrapAsyncFile(arguments[0], shutdownTimeout: .milliseconds(milliseconds)) else { return 1 }
        alarm(UInt32(milliseconds / 1000 + 10))
        for thread in 0..<4 {
            _ = BackgroundThread.start {
                let log = Log("busy")
                var seq = 0
                while true {
                    log.info("busy", ["thread": thread, "seq": seq])
                    seq += 1
                }
            }
        }
        let log = Log("app")
        for seq in 0..<1_000 {
            log.info("main", ["main": seq])
        }
        exitTimed(0)
    }

    /// An `AsyncSink` around a sink whose `write` never returns (a destination that hangs),
    /// 100 records queued, then `exit(0)` with a shutdown deadline of the first argument in
    /// milliseconds. `alarm` ends the process (SIGALRM) if exit hangs past 10 seconds.
    /// Prints how long the exit drain took (see ``reportExitDrainTime()``).
    static func exitStalledSink(_ arguments: [String]) async -> Int32 {
        guard let milliseconds = arguments.first.flatMap({ Int($0) }) else { return 64 }
        reportExitDrainTime()
        final class StalledSink: LogSink {
            func write(_ record: LogRecord) {
                while true { pause() }
            }
        }
        do {
            try Log.bootstrap(
                LogConfiguration(sinks: [AsyncSink(StalledSink())], shutdownTimeout: .milliseconds(milliseconds)))
        } catch {
            print("unexpected: \(error)")
            return 1
        }
        alarm(10)
        for seq in 0..<100 { Log("app").info("stuck", ["seq": seq]) }
        exitTimed(0)
    }

    /// Logs forever through `AsyncSink(FileSink(path))`, records of about 300 bytes with
    /// fields `writer` (the second argument) and `seq`.
    static func burstWriter(_ arguments: [String]) async -> Int32 {
        guard arguments.count >= 2 else { return 64 }
        // Large batches: a kill is likely to land inside a write(2), which then stops part-way.
        let options = AsyncSink.Options(capacity: 65_536, maximumBytes: 64 << 20, batchBytes: 8 << 20)
        guard bootstrapAsyncFile(arguments[0], options: options) else { return 1 }
        let log = Log("burst")
        let padding = String(repeating: "p", count: 200)
        var seq = 0
        while true {
            log.info("burst", ["writer": arguments[1], "seq": seq, "padding": padding])
            seq += 1
        }
    }

    /// Starts `count` (second argument) `burst-writer` processes on `path` in this
    /// process's own process group, waits until the file holds 4 MB more than before,
    /// then sends SIGKILL to the whole group, itself included.
    static func killWriters(_ arguments: [String]) async -> Int32 {
        guard arguments.count >= 2, let count = Int(arguments[1]) else { return 64 }
        let path = arguments[0]
        _ = setpgid(0, 0)
        guard getpgrp() == getpid() else { return 3 }
        let start = fileSize(path)
        for writer in 0..<count {
            guard spawnSelf(["burst-writer", path, "w\(writer)"]) else { return 2 }
        }
        var waited = 0
        while fileSize(path) < start + 4_000_000 && waited < 10_000 {
            usleep(2_000)
            waited += 2
        }
        kill(0, SIGKILL)
        return 0
    }

    /// Bootstraps the process-wide hierarchy three times (two scoped bootstraps, then the
    /// application's own, with a sink that prints `shutdown` on standard error each time it
    /// is shut down) between `atexit` handlers that print `before`, `between` and `after`,
    /// then returns. Handlers run in reverse order of registration, so an exit hook
    /// registered once, by the first bootstrap, prints `after`, `between`, `shutdown`, `before`.
    static func exitHookOnce(_ arguments: [String]) async -> Int32 {
        atexit { writeStandardError("before\n") }
        do {
            try await withScopedLogBootstrap(LogConfiguration()) {}
            atexit { writeStandardError("between\n") }
            try await withScopedLogBootstrap(LogConfiguration()) {}
            try Log.bootstrap(LogConfiguration(sinks: [ShutdownReportingSink()]))
        } catch {
            writeStandardError("unexpected: \(error)\n")
            return 1
        }
        atexit { writeStandardError("after\n") }
        return 0
    }

    /// Prints `shutdown` on standard error each time it is shut down.
    final class ShutdownReportingSink: LogSink {
        func write(_ record: LogRecord) {}

        func shutdown(timeout: Duration) -> Bool {
            writeStandardError("shutdown\n")
            return true
        }
    }

    /// Bootstraps `AsyncSink(FileSink(path))`, installs a SIGTERM/SIGINT handler the way
    /// Documentation/Production.md shows, logs 20,000 records (fields `seq`), prints
    /// `ready` and waits for the signal; the handler's `exit(0)` drains the sink, within
    /// ``drainDeadline``.
    static func signalDrain(_ arguments: [String]) async -> Int32 {
        guard let path = arguments.first else { return 64 }
        guard bootstrapAsyncFile(path, shutdownTimeout: drainDeadline) else { return 1 }
        exitOnTerminationSignals()
        let log = Log("app")
        for seq in 0..<20_000 {
            log.info("record", ["seq": seq])
        }
        _ = write(1, "ready\n", 6)
        while true { pause() }
    }

    /// The code Documentation/Production.md shows, as it is there: SIGTERM and SIGINT end
    /// the process through `exit(0)` on a Dispatch queue (never in a signal handler), so
    /// the exit hook drains the sinks.
    static func exitOnTerminationSignals() {
        let signalSources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)  // the Dispatch source handles it instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { exit(0) }
            source.resume()
            return source
        }
        keptSignalSources = signalSources
    }

    /// Keeps the signal sources alive; set once, from the main task.
    nonisolated(unsafe) static var keptSignalSources: [any DispatchSourceSignal] = []

    // MARK: - Helpers

    /// The shutdown deadline of scenarios whose exit drain must write everything queued
    /// (up to 16,384 records): the default 5 s is not enough under the thread sanitizer
    /// on a busy machine (measured: 12,719 of 20,000 records written, 6 s after the last
    /// logging call).
    static let drainDeadline = Duration.seconds(120)

    /// When ``exitTimed(_:)`` began the exit (`nil` until then). Written and read on the
    /// thread that calls `exit`.
    nonisolated(unsafe) static var exitStarted: ContinuousClock.Instant?

    /// Registers an `atexit` handler that prints `exit-drain-ms: <N>` on standard error:
    /// the milliseconds from ``exitTimed(_:)`` to the end of Logbook's exit drain (nothing
    /// when the exit came another way). Call it before bootstrap: handlers run in reverse
    /// order of registration, so this one runs after the drain bootstrap registers.
    /// Measured inside the process, the time leaves out the process's start, which alone
    /// takes about 2 s under the thread sanitizer on a busy machine.
    static func reportExitDrainTime() {
        atexit {
            guard let started = LifecycleScenarios.exitStarted else { return }
            let milliseconds = (ContinuousClock.now - started) / .milliseconds(1)
            writeStandardError("exit-drain-ms: \(Int(milliseconds))\n")
        }
    }

    /// Notes the time, then `exit(status)`.
    static func exitTimed(_ status: Int32) -> Never {
        exitStarted = .now
        exit(status)
    }

    static func bootstrapAsyncFile(
        _ path: String,
        shutdownTimeout: Duration? = nil,
        options: AsyncSink.Options = AsyncSink.Options()
    ) -> Bool {
        do {
            let sink = AsyncSink(try FileSink(path: path), options: options)
            var configuration = LogConfiguration(level: .info, sinks: [sink])
            if let shutdownTimeout { configuration.shutdownTimeout = shutdownTimeout }
            try Log.bootstrap(configuration)
            return true
        } catch {
            print("unexpected: \(error)")
            return false
        }
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Starts this executable again with `arguments`, in this process's group.
    static func spawnSelf(_ arguments: [String]) -> Bool {
        let executable = "/proc/self/exe"
        let argv = ([CommandLine.arguments[0]] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        return posix_spawn(&pid, executable, nil, nil, argv, environ) == 0
    }
}
