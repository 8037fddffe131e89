import Logbook
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a new thread and returns once the thread has ended, its thread-local
/// destructors included (`pthread_join`).
private func runOnThreadToItsEnd(_ body: @escaping @Sendable () -> Void) {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    let status = pthread_create(
        &thread, nil,
        { raw in
            #if canImport(Darwin)
            Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
            #else
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
            #endif
            return nil
        }, box)
    precondition(status == 0)
    #if canImport(Darwin)
    pthread_join(thread!, nil)
    #else
    pthread_join(thread, nil)
    #endif
}

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
                runOnThreadToItsEnd { log.info("job \(index)") }
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
        runOnThreadToItsEnd {
            let sink = CountingSink(counter, logOnRelease: other)
            log.addSink(sink)
            log.info("cached")  // the thread's cache holds the plan, and so the sink
            log.removeSink(sink)
        }
        #expect(counter.count.load(ordering: .relaxed) == 1)
    }
}
