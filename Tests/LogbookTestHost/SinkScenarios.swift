import Logbook
import Synchronization

/// Scenarios for the production sinks, driven by `.ci/sinks/*.sh` and by the sink
/// scenario tests: long-running writers for rsyslog and logrotate, faults, stress.
enum SinkScenarios {
    static let all: [String: Scenario] = [
        "file-writer": fileWriter,
        "file-sighup": fileHangup,
        "disk-full": diskFull,
        "deleted-file": deletedFile,
        "unopenable-file": unopenableFile,
        "rotation-permission": rotationPermission,
        "pipe-gone": pipeGone,
        "async-stress": asyncStress,
        "syslog-send": syslogSend,
        "async-throughput": asyncThroughput,
    ]

    /// Writes to standard error (standard output may be the pipe under test).
    static func say(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    static func sleep(microseconds: Int) {
        usleep(UInt32(max(0, microseconds)))
    }

    /// `file-writer PATH TOTAL TASKS RECORDS_PER_SECOND [CHECK_MS]`: JSON records with a
    /// unique `seq` from TASKS tasks, paced, through an AsyncSink over a FileSink whose
    /// identity check interval is CHECK_MS (default: the FileSink default).
    static let fileWriter: Scenario = { arguments in
        guard arguments.count >= 4, let total = Int(arguments[1]), let tasks = Int(arguments[2]),
            let rate = Int(arguments[3])
        else {
            say("usage: file-writer PATH TOTAL TASKS RECORDS_PER_SECOND")
            return 64
        }
        let file: FileSink
        var options = FileSink.Options()
        if arguments.count > 4, let milliseconds = Int(arguments[4]) {
            options.identityCheckInterval = .milliseconds(milliseconds)
        }
        do { file = try FileSink(path: arguments[0], options: options) } catch {
            say("\(error)")
            return 1
        }
        let sink = AsyncSink(file)
        let hierarchy = LogHierarchy()
        let setup = try! hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [sink]))
        let log = hierarchy.logger("ci.writer")
        let perTask = total / tasks
        let pause = 1_000_000 * tasks / max(rate, 1)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for index in 0..<perTask {
                        log.info("record", ["seq": task * perTask + index, "task": task, "payload": "x y \"z\" é"])
                        if index % 100 == 99 { try? await Task.sleep(for: .microseconds(pause * 100)) }
                    }
                }
            }
        }
        let complete = setup.shutdown(timeout: .seconds(30))
        say("written=\(perTask * tasks) complete=\(complete) failures=\(file.failureCount) reopens=\(file.reopenCount)")
        return complete ? 0 : 1
    }

    /// `file-sighup PATH`: reopens after SIGHUP once the file was moved away.
    static let fileHangup: Scenario = { arguments in
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        let path = arguments[0]
        let sink = try! FileSink(
            path: path, options: .init(reopensOnHangup: true, identityCheckInterval: .seconds(3600)))
        sink.write(LogRecord(level: .info, logger: "ci", message: "before"))
        rename(path, path + ".1")
        raise(SIGHUP)
        sink.write(LogRecord(level: .info, logger: "ci", message: "after"))
        say("reopens=\(sink.reopenCount)")
        return 0
    }

    /// `disk-full PATH FILLER`: writes until the disk is full, keeps logging, deletes
    /// FILLER to free space and checks writing resumes.
    static let diskFull: Scenario = { arguments in
        let sink: FileSink
        do { sink = try FileSink(path: arguments[0]) } catch {
            say("\(error)")
            return 1
        }
        var attempted = 0
        func log(_ phase: String) {
            sink.write(
                LogRecord(level: .info, logger: "ci", message: "filling", fields: ["n": attempted, "phase": phase]))
            attempted += 1
        }
        while sink.failureCount == 0 && attempted < 1_000_000 { log("filling") }
        for _ in 0..<500 { log("full") }
        let failuresWhileFull = sink.failureCount
        unlink(arguments[1])
        for _ in 0..<1000 { log("freed") }
        let resumed = sink.failureCount == failuresWhileFull
        say("attempted=\(attempted) failures=\(sink.failureCount) resumed=\(resumed)")
        return resumed && failuresWhileFull >= 501 ? 0 : 1
    }

    /// `deleted-file PATH`: the file is deleted while logging; the sink recreates it.
    static let deletedFile: Scenario = { arguments in
        let path = arguments[0]
        let sink = try! FileSink(path: path, options: .init(identityCheckInterval: .milliseconds(10)))
        for index in 0..<100 { sink.write(LogRecord(level: .info, logger: "ci", message: "before \(index)")) }
        unlink(path)
        sleep(microseconds: 20_000)
        for index in 0..<100 { sink.write(LogRecord(level: .info, logger: "ci", message: "after \(index)")) }
        say("reopens=\(sink.reopenCount) failures=\(sink.failureCount)")
        return sink.reopenCount == 1 ? 0 : 1
    }

    /// `unopenable-file PATH`: prints the setup error; fails if the sink could be created.
    static let unopenableFile: Scenario = { arguments in
        do {
            _ = try FileSink(path: arguments[0])
            say("unexpectedly opened \(arguments[0])")
            return 1
        } catch {
            say("error: \(error)")
            return 0
        }
    }

    /// `rotation-permission DIRECTORY`: rotation fails while the directory is read-only
    /// (run as a user without CAP_DAC_OVERRIDE); logging continues in the current file
    /// and rotation resumes once the directory is writable again.
    static let rotationPermission: Scenario = { arguments in
        let directory = arguments[0]
        let path = directory + "/app.log"
        let sink = try! FileSink(
            path: path, options: .init(rotation: .size(maximumBytes: 4096, keep: 3)),
            reportFailureTo: say)
        var written = 0
        func log(_ count: Int) {
            for _ in 0..<count {
                sink.write(LogRecord(level: .info, logger: "ci", message: "rotating", fields: ["n": written]))
                written += 1
            }
        }
        log(50)
        chmod(directory, 0o555)
        log(200)
        let failuresWhileReadOnly = sink.failureCount
        chmod(directory, 0o755)
        log(200)
        say("written=\(written) failures=\(failuresWhileReadOnly) reopens=\(sink.reopenCount)")
        return failuresWhileReadOnly > 0 && sink.failureCount == failuresWhileReadOnly ? 0 : 1
    }

    /// `pipe-gone COUNT`: JSON lines to standard output, whose reader exits early
    /// (`| head`), with SIGPIPE ignored by bootstrap: the process keeps running.
    static let pipeGone: Scenario = { arguments in
        let count = Int(arguments.first ?? "") ?? 20000
        let stream = StreamSink(.standardOutput)
        let hierarchy = LogHierarchy()
        let setup = try! hierarchy.bootstrap(
            LogConfiguration(level: .info, sinks: [AsyncSink(stream)], ignoresBrokenPipe: true))
        let log = hierarchy.logger("ci.pipe")
        for index in 0..<count {
            log.info("line", ["n": index])
            if index % 1000 == 0 { sleep(microseconds: 2000) }
        }
        setup.shutdown()
        say("alive after \(count) records, failures=\(stream.failureCount)")
        return stream.failureCount > 0 ? 0 : 1
    }

    /// `async-stress block|drop PER_WRITER WRITERS`: WRITERS tasks log PER_WRITER records
    /// each through an AsyncSink to standard output (read by a slow consumer).
    static let asyncStress: Scenario = { arguments in
        guard arguments.count == 3, let perWriter = Int(arguments[1]), let writers = Int(arguments[2]) else {
            say("usage: async-stress block|drop PER_WRITER WRITERS")
            return 64
        }
        let policy: AsyncSink.OverflowPolicy = arguments[0] == "drop" ? .drop(below: .warning) : .block
        let sink = AsyncSink(StreamSink(.standardOutput), options: .init(capacity: 1024, overflow: policy))
        let hierarchy = LogHierarchy()
        let setup = try! hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [sink]))
        let log = hierarchy.logger("ci.stress")
        let started = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<perWriter { log.info("stress", ["w": writer, "i": index]) }
                }
            }
        }
        let elapsed = ContinuousClock.now - started
        let complete = setup.shutdown(timeout: .seconds(60))
        say(
            "policy=\(policy) sent=\(perWriter * writers) dropped=\(sink.droppedCount) "
                + "complete=\(complete) producer_seconds=\(elapsed)")
        return complete ? 0 : 1
    }

    /// `async-throughput COUNT WRITERS [CAPACITY]`: COUNT records per writer through
    /// AsyncSink(FileSink("/dev/null")) (CAPACITY 0: a sink that discards, to measure the
    /// cost of creating records alone); prints the producers' cost per record and the
    /// sustained rate until everything was written.
    static let asyncThroughput: Scenario = { arguments in
        let count = Int(arguments.first ?? "") ?? 1_000_000
        let writers = arguments.count > 1 ? Int(arguments[1]) ?? 1 : 1
        let capacity = arguments.count > 2 ? Int(arguments[2]) ?? 16_384 : 16_384
        let sink: any LogSink =
            capacity == 0
            ? DiscardingSink()
            : AsyncSink(
                try! FileSink(path: "/dev/null"), options: .init(capacity: capacity, maximumBytes: capacity * 1024))
        let hierarchy = LogHierarchy()
        let setup = try! hierarchy.bootstrap(LogConfiguration(level: .info, sinks: [sink]))
        let log = hierarchy.logger("bench")
        let started = ContinuousClock.now
        let producerTimes = await withTaskGroup(of: Duration.self) { group in
            for _ in 0..<writers {
                group.addTask {
                    let begin = ContinuousClock.now
                    for index in 0..<count { log.info("request handled", ["status": 200, "index": index]) }
                    return ContinuousClock.now - begin
                }
            }
            var total = Duration.zero
            for await time in group { total += time }
            return total
        }
        setup.shutdown(timeout: .seconds(120))
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let producerSeconds =
            Double(producerTimes.components.seconds) + Double(producerTimes.components.attoseconds) / 1e18
        say(
            "records=\(count * writers) writers=\(writers) producer_ns_per_record=\(Int(producerSeconds / Double(count * writers) * 1e9)) "
                + "sustained_records_per_second=\(Int(Double(count * writers) / seconds))")
        return 0
    }
}

/// A sink that does nothing, as a baseline for the cost of creating records.
final class DiscardingSink: LogSink {
    func write(_ record: LogRecord) {}
}
