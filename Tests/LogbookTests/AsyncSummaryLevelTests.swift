import Dispatch
import Foundation
import Logbook
import Testing

/// `LogSink.write(_:)` is "called only for records at or above ``level`` that every filter
/// accepts" (LogSink.swift). An AsyncSink's drop summary is a `warning` it creates
/// itself: a wrapped sink at `error` must not receive it (as a sampling summary, which
/// "sinks' own levels and filters apply to", does not reach such a sink).
@Suite struct AsyncSummaryLevelTests {
    final class ErrorGate: LogSink, @unchecked Sendable {
        let level = LogLevel.error
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var received: [LogRecord] = []
        func write(_ record: LogRecord) {
            lock.lock()
            let first = received.isEmpty
            received.append(record)
            lock.unlock()
            if first {
                entered.signal()
                release.wait()
            }
        }
        var records: [LogRecord] {
            lock.lock()
            defer { lock.unlock() }
            return received
        }
    }

    func record(_ message: String) -> LogRecord {
        LogRecord(level: .error, logger: "app", message: message)
    }

    @Test("the drop summary is not written to a wrapped sink whose level is above warning")
    func summaryRespectsWrappedLevel() {
        let gate = ErrorGate()
        let sink = AsyncSink(gate, options: .init(capacity: 1, overflow: .drop(below: .critical)))
        sink.write(record("first"))
        gate.entered.wait()  // the writer holds "first"
        sink.write(record("second"))  // queued: the queue is full now
        sink.write(record("third"))  // dropped
        gate.release.signal()
        sink.flush()
        sink.write(record("fourth"))  // accepted again: the drop episode ends
        sink.flush()
        #expect(sink.droppedCount == 1)
        #expect(
            gate.records.allSatisfy { $0.level >= gate.level }, "\(gate.records.map { "\($0.level) \($0.message)" })")
        #expect(sink.shutdown(timeout: .seconds(5)))
    }
}
