import Dispatch
import Foundation
import Logbook
import Testing

/// `LogSink.write(_:)` is "called only for records at or above ``level`` that every filter
/// accepts" (LogSink.swift). An AsyncSink's drop summary is a `warning` it creates
/// itself: a wrapped sink at `error` must not receive it (as a sampling summary, which
/// "sinks' own levels and filters apply to", does not reach such a sink).
@Suite struct AsyncSummaryLevelTests {
    func record(_ message: String) -> LogRecord {
        LogRecord(level: .error, logger: "app", message: message)
    }

    @Test("the drop summary is not written to a wrapped sink whose level is above warning")
    func summaryRespectsWrappedLevel() {
        let gate = FirstWriteGate(level: .error)
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

    final class SlowFilteredSink: LogSink, @unchecked Sendable {
        let filters: [LogFilter]
        init(filter: LogFilter) { filters = [filter] }
        func write(_ record: LogRecord) { usleep(2000) }
    }

    @Test("a wrapped sink's filter that logs does not deadlock the drain that makes a drop summary")
    func filterThatLogsDuringDrain() {
        let hierarchy = LogHierarchy()
        let noisy = hierarchy.logger("filter")
        let wrapped = SlowFilteredSink(
            filter: LogFilter { record in
                if record.logger == "logbook" { noisy.info("the filter saw the drop summary") }
                return true
            })
        let sink = AsyncSink(wrapped, options: .init(capacity: 1, overflow: .drop(below: .critical)))
        hierarchy.root.addSink(sink)
        let app = hierarchy.logger("app")
        for index in 0..<200 { app.info("record \(index)") }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = sink.shutdown(timeout: .seconds(2))
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 20) == .success, "shutdown never returned")
    }
}
