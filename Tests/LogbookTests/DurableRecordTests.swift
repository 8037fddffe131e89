import Foundation
import Logbook
import LogbookTesting
import Testing

/// `AsyncSink.Options.durableLevel`: a severe record is written, with everything queued
/// before it, before the logging call returns.
@Suite struct DurableRecordTests {
    /// Takes 1 ms per record, so an `AsyncSink` around it is always behind; with `gate`,
    /// it writes nothing until the gate is opened.
    final class SlowSink: LogSink, @unchecked Sendable {
        private let lock = NSLock()
        private var received: [String] = []
        private let gate: DispatchSemaphore?

        init(gate: DispatchSemaphore? = nil) { self.gate = gate }

        func write(_ record: LogRecord) {
            if let gate {
                gate.wait()
                gate.signal()  // stays open for the next records
            }
            Thread.sleep(forTimeInterval: 0.001)
            lock.lock()
            received.append(record.message)
            lock.unlock()
        }

        var messages: [String] {
            lock.lock()
            defer { lock.unlock() }
            return received
        }
    }

    @Test func aCriticalRecordAndEverythingBeforeItAreWrittenWhenTheCallReturns() throws {
        let slow = SlowSink()
        let async = AsyncSink(slow)
        let hierarchy = LogHierarchy()
        try hierarchy.bootstrap(LogConfiguration(sinks: [async]))
        let log = hierarchy.logger("app")
        for index in 0..<50 { log.info("info \(index)") }
        log.critical("about to crash")
        #expect(slow.messages == (0..<50).map { "info \($0)" } + ["about to crash"])
        async.shutdown(timeout: .seconds(5))
    }

    @Test func theLevelIsConfigurable() throws {
        let slow = SlowSink()
        let async = AsyncSink(slow, options: .init(durableLevel: .error))
        #expect(AsyncSink.Options().durableLevel == .critical)
        for index in 0..<20 { async.write(LogRecord(level: .info, logger: "app", message: "info \(index)")) }
        async.write(LogRecord(level: .error, logger: "app", message: "error"))
        #expect(slow.messages.count == 21)
        #expect(slow.messages.last == "error")
        async.shutdown(timeout: .seconds(5))
    }

    @Test func recordsBelowTheLevelDoNotWait() throws {
        // The sink writes nothing until the gate opens, so a call that waited for its
        // record to be written would never return. (Racing 200 calls against a sink taking
        // 1 ms a record was not enough: a caller preempted for 200 ms saw all 200 written.)
        let gate = DispatchSemaphore(value: 0)
        let slow = SlowSink(gate: gate)
        let async = AsyncSink(slow)
        let returned = DispatchSemaphore(value: 0)
        // On a thread of its own: a call that waits for the writer must fail the test, not hang it.
        Thread {
            for index in 0..<200 { async.write(LogRecord(level: .error, logger: "app", message: "error \(index)")) }
            returned.signal()
        }.start()
        let inTime = returned.wait(timeout: .now() + 30) == .success
        #expect(inTime, "the calls waited for the sink to write their records")
        #expect(slow.messages.isEmpty)
        gate.signal()
        async.shutdown(timeout: .seconds(30))
        #expect(slow.messages.count == 200)
    }
}
