import Logbook
import Synchronization
import Testing

private final class ReleaseCounter: Sendable {
    let count = Atomic(0)
}

private final class CountingSink: LogSink {
    private let counter: ReleaseCounter
    private let logOnRelease: Log?

    init(_ counter: ReleaseCounter, logOnRelease: Log? = nil) {
        self.counter = counter
        self.logOnRelease = logOnRelease
    }

    deinit {
        logOnRelease?.warning("released")
        counter.count.add(1, ordering: .relaxed)
    }

    func write(_ record: LogRecord) {}
}

@Suite("Threads that end let go of what they cached")
struct ThreadExitTests {
    @Test("100 threads each log through a sink and end; the sink, removed, is released")
    func endedThreadsReleaseTheirPlans() {
        let hierarchy = LogHierarchy()
        hierarchy.lastResort = nil
        let counter = ReleaseCounter()
        let log = hierarchy.logger("workers")
        do {
            let sink = CountingSink(counter)
            log.addSink(sink)
            for index in 0..<100 {
                #expect(BackgroundThread.start(joined: true) { log.info("job \(index)") })
            }
            log.removeSink(sink)
        }
        #expect(counter.count.load(ordering: .relaxed) == 1)
    }

    @Test("a sink whose deinit logs, released as its thread ends, is released once and the thread ends")
    func deinitThatLogsAtThreadEnd() {
        let hierarchy = LogHierarchy()
        hierarchy.lastResort = nil
        let counter = ReleaseCounter()
        let log = hierarchy.logger("workers")
        let other = hierarchy.logger("other")
        other.addSink(CountingSink(ReleaseCounter()))
        let ran = BackgroundThread.start(joined: true) {
            let sink = CountingSink(counter, logOnRelease: other)
            log.addSink(sink)
            log.info("cached")  // the thread's cache holds the plan, and so the sink
            log.removeSink(sink)
        }
        #expect(ran)
        #expect(counter.count.load(ordering: .relaxed) == 1)
    }
}
