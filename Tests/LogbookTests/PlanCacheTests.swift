import Foundation
import Logbook
import LogbookTesting
import Testing

/// Each thread caches the dispatch plans of the loggers it uses; these tests make sure the
/// cache never delivers to a stale configuration or to the wrong logger's sinks.
@Suite("Per-thread plan cache")
struct PlanCacheTests {
    @Test("40 loggers used in turn on one thread each reach exactly their own sink")
    func manyLoggersOneThread() {
        let hierarchy = LogHierarchy()
        hierarchy.lastResort = nil
        let loggers = (0..<40).map { hierarchy.logger("svc.part\($0)") }
        let sinks = loggers.map { logger in
            let sink = InMemorySink()
            logger.addSink(sink)
            logger.propagates = false
            return sink
        }
        for round in 0..<5 {
            for (index, logger) in loggers.enumerated() { logger.info("\(index)/\(round)") }
        }
        for (index, sink) in sinks.enumerated() {
            #expect(sink.messages == (0..<5).map { "\(index)/\($0)" })
        }
        // Reconfigure half of them; the next records follow the new configuration at once.
        for index in stride(from: 0, to: 40, by: 2) { loggers[index].removeAllSinks() }
        let root = InMemorySink()
        hierarchy.root.addSink(root)
        for index in stride(from: 0, to: 40, by: 2) { loggers[index].propagates = true }
        for (index, logger) in loggers.enumerated() { logger.info("after \(index)") }
        #expect(root.messages == stride(from: 0, to: 40, by: 2).map { "after \($0)" })
        for (index, sink) in sinks.enumerated() {
            #expect(sink.messages.count == (index.isMultiple(of: 2) ? 5 : 6))
        }
    }

    @Test("a change made on another thread reaches a thread that has the plan cached")
    func crossThreadChange() async {
        let hierarchy = LogHierarchy()
        let first = InMemorySink()
        let second = InMemorySink()
        hierarchy.root.addSink(first)
        let log = hierarchy.logger("worker")
        let step = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            log.info("before")  // caches the plan on this thread
            step.wait()
            log.info("after")
            done.signal()
        }
        thread.start()
        while first.messages.isEmpty { usleep(1000) }
        hierarchy.root.removeSink(first)
        hierarchy.root.addSink(second)
        step.signal()
        done.wait()
        #expect(first.messages == ["before"])
        #expect(second.messages == ["after"])
    }

    @Test("a removed sink is released once the thread that cached it logs again, through any logger")
    func removedSinkIsReleased() {
        let hierarchy = LogHierarchy()
        hierarchy.lastResort = nil
        let other = hierarchy.logger("other")
        other.addSink(InMemorySink())
        let released = SharedFlag()
        let releasedInTime = SharedFlag()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                let sink = ReleaseWatchingSink(onRelease: released)
                let log = hierarchy.logger("removable")
                log.addSink(sink)
                log.info("cached")  // this thread's cache now holds the plan, and the sink
                log.removeSink(sink)
            }
            // Nothing but this thread's cache refers to the sink now; a record through
            // another logger drops the plans cached before the change.
            other.info("elsewhere")
            if released.isSet { releasedInTime.set() }
            done.signal()
        }
        thread.start()
        done.wait()
        // Checked here, on the test's task: expectations on a bare thread are not
        // attributed to the test.
        #expect(releasedInTime.isSet)
    }

    @Test("a sink whose deinit logs, released by the cache, neither crashes nor evicts the plan in use")
    func sinkDeinitThatLogs() {
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink()
        hierarchy.lastResort = lastResort
        let other = hierarchy.logger("other")
        let otherSink = InMemorySink()
        other.addSink(otherSink)
        let rounds = 20
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for round in 0..<rounds {
                do {
                    let log = hierarchy.logger("removable\(round)")
                    let sink = LoggingOnReleaseSink(log: other)
                    log.addSink(sink)
                    log.info("cached")
                    other.info("before")
                    log.removeSink(sink)
                }
                // Drops the cached plans; the last one holding the sink runs its deinit,
                // which logs through `other` while `other`'s plan is being cached.
                other.info("elsewhere")
                other.info("again")
            }
            done.signal()
        }
        thread.start()
        done.wait()
        // Released by this thread's cache, the sink's record takes the re-entrant path to
        // the last resort; released by `removeSink` (when a configuration change elsewhere
        // had already emptied the cache), it is delivered normally. Once either way.
        let released = otherSink.messages.filter { $0 == "sink released" } + lastResort.messages
        #expect(released == Array(repeating: "sink released", count: rounds))
        let others = otherSink.messages.filter { $0 != "sink released" }
        #expect(others == Array(repeating: ["before", "elsewhere", "again"], count: rounds).flatMap { $0 })
    }

    @Test("a sink whose deinit logs through its own logger, released by removeAllSinks, does not deadlock")
    func sinkDeinitThatLogsReleasedByReconfiguration() {
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink()
        hierarchy.lastResort = lastResort
        let log = hierarchy.logger("closing")
        let other = InMemorySink()
        hierarchy.root.addSink(other)
        let finished = DispatchSemaphore(value: 0)
        // On a thread of its own: a deadlock must fail the test, not hang the suite.
        let thread = Thread {
            // Never logged through, so no thread's cache holds a plan with the sink: the
            // plan removeAllSinks replaces is its last owner.
            log.addSink(LoggingOnReleaseSink(log: log))
            log.removeAllSinks()
            finished.signal()
        }
        thread.start()
        #expect(finished.wait(timeout: .now() + 10) == .success, "removeSink deadlocked in the sink's deinit")
        #expect(other.messages + lastResort.messages == ["sink released"])
    }

    @Test("logging from inside a message is delivered normally; from inside a filter, to the last resort")
    func loggingFromUserCode() {
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink()
        hierarchy.lastResort = lastResort
        let sink = InMemorySink()
        hierarchy.root.addSink(sink)
        let inner = hierarchy.logger("inner")
        func describe() -> String {
            inner.info("computing the description")
            return "outer message"
        }
        hierarchy.logger("outer").info(describe())
        #expect(sink.messages == ["computing the description", "outer message"])

        let filtered = hierarchy.logger("filtered")
        filtered.addFilter(
            LogFilter { record in
                inner.warning("filter saw \(record.message)")
                return true
            })
        filtered.info("kept")
        #expect(sink.messages.last == "kept")
        #expect(lastResort.messages == ["filter saw kept"])
    }

    @Test("after sinks are swapped under load, no thread keeps delivering through a stale plan")
    func concurrentSwaps() async {
        let hierarchy = LogHierarchy()
        hierarchy.lastResort = nil
        let sinkA = InMemorySink()
        let sinkB = InMemorySink()
        hierarchy.root.addSink(sinkA)
        let stop = SharedFlag()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<4_000 { hierarchy.logger("l\((task + index) % 16)").info("r") }
                }
            }
            group.addTask {
                var useB = false
                while !stop.isSet {
                    hierarchy.root.removeAllSinks()
                    hierarchy.root.addSink(useB ? sinkB : sinkA)
                    useB.toggle()
                    await Task.yield()
                }
            }
            for _ in 0..<8 { await group.next() }
            stop.set()
        }
        #expect(sinkA.records.count + sinkB.records.count <= 32_000)
        let final = InMemorySink()
        hierarchy.root.removeAllSinks()
        hierarchy.root.addSink(final)
        let before = (sinkA.records.count, sinkB.records.count)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for index in 0..<16 { hierarchy.logger("l\(index)").info("final") }
                }
            }
        }
        #expect(final.records.count == 128)
        #expect(sinkA.records.count == before.0 && sinkB.records.count == before.1)
    }
}

/// A sink that records when it is deinitialized.
private final class ReleaseWatchingSink: LogSink {
    private let onRelease: SharedFlag

    init(onRelease: SharedFlag) { self.onRelease = onRelease }

    deinit { onRelease.set() }

    func write(_ record: LogRecord) {}
}

/// A sink that logs from its deinit, as a sink closing a connection might.
private final class LoggingOnReleaseSink: LogSink {
    private let log: Log

    init(log: Log) { self.log = log }

    deinit { log.warning("sink released") }

    func write(_ record: LogRecord) {}
}
