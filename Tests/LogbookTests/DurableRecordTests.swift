import Foundation
import Logbook
import LogbookTesting
import Testing

/// `AsyncSink.Options.durableLevel`: a severe record is written, with everything queued
/// before it, before the logging call returns.
@Suite struct DurableRecordTests {
    /// Takes 1 ms per record, so an `AsyncSink` around it is always behind.
    final class SlowSink: LogSink, @unchecked Sendable {
        private let lock = NSLock()
        private var received: [String] = []

        func write(_ record: LogRecord) {
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
        let slow = SlowSink()
        let async = AsyncSink(slow)
        for index in 0..<200 { async.write(LogRecord(level: .error, logger: "app", message: "error \(index)")) }
        // 200 records at 1 ms each: the calls returned long before the writer finished.
        #expect(slow.messages.count < 200)
        async.shutdown(timeout: .seconds(5))
        #expect(slow.messages.count == 200)
    }
}
