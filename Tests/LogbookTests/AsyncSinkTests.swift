import Foundation
import Logbook
import LogbookTesting
import Synchronization
import Testing

/// A sink that takes `delay` per record, to make the queue fill up. Guarded by `NSLock`
/// (pthreads), which ThreadSanitizer understands, unlike `Mutex` on Linux.
private final class SlowSink: LogSink, @unchecked Sendable {
    let delay: Duration
    private let lock = NSLock()
    private var received: [LogRecord] = []

    init(delay: Duration) { self.delay = delay }

    func write(_ record: LogRecord) {
        if delay > .zero { Thread.sleep(forTimeInterval: Double(delay.components.attoseconds) / 1e18) }
        lock.lock()
        received.append(record)
        lock.unlock()
    }

    var records: [LogRecord] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }
}

/// A line-writing sink that takes `delay` per batch of lines and keeps them.
private final class SlowLineSink: LineWritingSink, @unchecked Sendable {
    let formatter: any LogFormatter = JSONFormatter()
    let delay: Duration
    private let lock = NSLock()
    private var text = ""
    private(set) var writes = 0

    init(delay: Duration) { self.delay = delay }

    func writeLines(_ lines: UnsafeRawBufferPointer) {
        if delay > .zero { Thread.sleep(forTimeInterval: Double(delay.components.attoseconds) / 1e18) }
        lock.lock()
        text += String(decoding: lines, as: UTF8.self)
        writes += 1
        lock.unlock()
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}

/// Counts live `Tracked` values.
private final class LiveCount: Sendable {
    let value = Atomic(0)
}

/// A field value that counts its live instances, to see records destroyed exactly once.
private final class Tracked: LogValueConvertible {
    let count: LiveCount
    init(_ count: LiveCount) {
        self.count = count
        count.value.add(1, ordering: .relaxed)
    }
    deinit { count.value.subtract(1, ordering: .relaxed) }
    var logValue: LogValue { "tracked" }
}

/// A sink that blocks until released.
private final class GateSink: LogSink {
    let open = Mutex(false)
    let count = Atomic(0)

    func write(_ record: LogRecord) {
        while !open.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.001) }
        count.add(1, ordering: .relaxed)
    }
}

/// A sink whose first write blocks until `release` is signalled, after signalling `entered`.
final class FirstWriteGate: LogSink, @unchecked Sendable {
    let level: LogLevel
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var received: [LogRecord] = []

    init(level: LogLevel = .trace) { self.level = level }

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

    var messages: [String] { records.map(\.message) }
}

@Suite struct AsyncSinkTests {
    private func record(_ message: String, _ fields: LogFields = [:], level: LogLevel = .info) -> LogRecord {
        LogRecord(level: level, logger: "test", message: message, fields: fields)
    }

    private func isSummary(_ record: LogRecord) -> Bool { record.logger == "logbook" }

    @Test func blockPolicyDeliversEveryRecordExactlyOnceInOrderPerWriter() async {
        let slow = SlowSink(delay: .microseconds(20))
        let sink = AsyncSink(slow, options: .init(capacity: 64))
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<500 { sink.write(self.record("m", ["w": writer, "i": index])) }
                }
            }
        }
        sink.flush()
        let records = slow.records
        #expect(records.count == 4000)
        #expect(sink.droppedCount == 0)
        for writer in 0..<8 {
            let indices = records.filter { ($0.fields["w"] as? Int) == writer }.map { $0.fields["i"] as! Int }
            #expect(indices == Array(0..<500))
        }
    }

    @Test func dropPolicyCountsEveryDropAndSummarizes() async {
        let slow = SlowSink(delay: .microseconds(50))
        let sink = AsyncSink(slow, options: .init(capacity: 16, overflow: .drop(below: .warning)))
        let sent = 8 * 400
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<400 { sink.write(self.record("m")) } }
            }
        }
        // One warning after the burst: never dropped, and it ends the drop episode.
        sink.write(record("end", level: .warning))
        sink.flush()
        let records = slow.records
        let arrived = records.filter { !isSummary($0) && $0.message == "m" }.count
        #expect(sink.droppedCount > 0)
        #expect(arrived + sink.droppedCount == sent)
        #expect(sink.droppedCounts == [.info: sink.droppedCount])
        let summarized = records.filter(isSummary).map { $0.fields["dropped"] as! Int }.reduce(0, +)
        #expect(summarized == sink.droppedCount)
        #expect(records.last?.message == "end")
    }

    @Test func recordsAtOrAboveTheDropLevelAreNeverDropped() async {
        let slow = SlowSink(delay: .microseconds(20))
        let sink = AsyncSink(slow, options: .init(capacity: 4, overflow: .drop(below: .warning)))
        for index in 0..<300 { sink.write(record("e\(index)", level: .error)) }
        sink.flush()
        #expect(sink.droppedCount == 0)
        #expect(slow.records.count == 300)
    }

    @Test("a durable record below the drop level waits for room instead of being dropped")
    func durableRecordsAreNeverDropped() {
        let gate = FirstWriteGate()
        let sink = AsyncSink(
            gate, options: .init(capacity: 1, overflow: .drop(below: .critical), durableLevel: .error))
        sink.write(record("first"))
        gate.entered.wait()  // the writer holds "first"
        sink.write(record("second"))  // the queue is full now
        let returned = DispatchSemaphore(value: 0)
        Thread {
            sink.write(self.record("durable", level: .error))
            returned.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.05)
        gate.release.signal()
        #expect(returned.wait(timeout: .now() + 10) == .success, "the logging call never returned")
        #expect(gate.messages == ["first", "second", "durable"], "written before the call returned")
        #expect(sink.droppedCount == 0)
        #expect(sink.shutdown(timeout: .seconds(5)))
    }

    @Test(
        "a full queue drops exactly the records below the policy's level and below durableLevel; the rest wait",
        arguments: [AsyncSink.OverflowPolicy.block, .drop(below: .warning), .drop(below: .critical)],
        [LogLevel.info, .error, .critical])
    func fullQueueDropBoundary(overflow: AsyncSink.OverflowPolicy, durableLevel: LogLevel) {
        var threshold = LogLevel.trace
        if case .drop(let below) = overflow { threshold = min(below, durableLevel) }
        if threshold > .trace, let below = LogLevel(rawValue: threshold.rawValue - 1) {
            #expect(fullQueueWrite(below, overflow: overflow, durableLevel: durableLevel, dropped: true))
        }
        #expect(fullQueueWrite(threshold, overflow: overflow, durableLevel: durableLevel, dropped: false))
    }

    /// Writes a record at `level` to a full one-record queue (the writer holds its first record)
    /// and returns whether it was `dropped` (the call returned at once and the record was
    /// counted, never written) or, if not, waited for room and was written.
    private func fullQueueWrite(
        _ level: LogLevel, overflow: AsyncSink.OverflowPolicy, durableLevel: LogLevel, dropped: Bool
    ) -> Bool {
        let gate = FirstWriteGate()
        let sink = AsyncSink(gate, options: .init(capacity: 1, overflow: overflow, durableLevel: durableLevel))
        sink.write(record("first", level: .trace))
        gate.entered.wait()  // the writer holds "first"
        sink.write(record("second", level: .trace))  // the queue is full now
        let returned = DispatchSemaphore(value: 0)
        Thread {
            sink.write(self.record("probe", level: level))
            returned.signal()
        }.start()
        // A drop returns while the queue is still full; a record that waits cannot before the release.
        let returnedWhileFull = returned.wait(timeout: .now() + (dropped ? 10 : 0.2)) == .success
        gate.release.signal()
        let returnedAtAll = returnedWhileFull || returned.wait(timeout: .now() + 10) == .success
        let shutDown = sink.shutdown(timeout: .seconds(5))
        let written = gate.messages.contains("probe")
        return returnedAtAll && shutDown && returnedWhileFull == dropped && sink.droppedCount == (dropped ? 1 : 0)
            && written != dropped
    }

    @Test func flushWaitsForEverythingAccepted() {
        let memory = InMemorySink()
        let sink = AsyncSink(memory)
        for index in 0..<1000 { sink.write(record("\(index)")) }
        sink.flush()
        #expect(memory.records.count == 1000)
        #expect(sink.acceptedCount == 1000)
        #expect(sink.writtenCount == 1000)
    }

    @Test func shutdownDrainsAndLaterRecordsAreWrittenDirectly() {
        let memory = InMemorySink()
        let sink = AsyncSink(memory)
        for index in 0..<100 { sink.write(record("\(index)")) }
        #expect(sink.shutdown(timeout: .seconds(5)))
        #expect(memory.records.count == 100)
        sink.write(record("after"))
        sink.flush()
        #expect(memory.messages.last == "after")
        #expect(sink.shutdown(timeout: .seconds(1)), "a second shutdown is harmless")
    }

    @Test("a shutdown timeout of about 292 years neither crashes nor gives up at once")
    func shutdownWithTheLongestTimeout() async throws {
        let outcome = try await TestHost.run("shutdown-longest-timeout")
        #expect(outcome.status == 0 && !outcome.killedBySignal, "\(outcome.standardError.suffix(1000))")
        #expect(outcome.outputLines.count == 10)
        #expect(outcome.errorLines == ["shutdown: true"])
    }

    @Test("a capacity set to 0 after creating the options is raised to 1, as the initializer does, not a hang")
    func capacitySetToZeroLater() {
        let memory = InMemorySink()
        var options = AsyncSink.Options()
        options.capacity = 0
        let sink = AsyncSink(memory, options: options)
        let written = DispatchSemaphore(value: 0)
        // On a thread of its own: a producer waiting forever must fail the test, not hang it.
        Thread {
            sink.write(record("one"))
            written.signal()
        }.start()
        #expect(written.wait(timeout: .now() + 10) == .success, "the logging call never returned")
        #expect(sink.options.capacity == 1)
        sink.flush()
        #expect(memory.messages == ["one"])
    }

    @Test("a batch size of Int.max (no limit) writes the batch instead of trapping on the writer thread")
    func largestBatchBytes() {
        let lines = SlowLineSink(delay: .zero)
        let sink = AsyncSink(lines, options: .init(batchBytes: .max))
        for index in 0..<10 { sink.write(record("\(index)")) }
        sink.flush()
        #expect(lines.lines.count == 10)
        #expect(sink.shutdown(timeout: .seconds(5)))
    }

    @Test func shutdownGivesUpAtTheDeadlineAndCountsWhatWasLeft() {
        let gate = GateSink()
        let sink = AsyncSink(gate, options: .init(capacity: 100))
        for index in 0..<50 { sink.write(record("\(index)")) }
        let started = ContinuousClock.now
        #expect(!sink.shutdown(timeout: .milliseconds(200)))
        #expect(ContinuousClock.now - started < .seconds(2))
        gate.open.withLock { $0 = true }
        // The writer finishes its current batch and discards the rest.
        for _ in 0..<200 where gate.count.load(ordering: .relaxed) + sink.droppedAtShutdownCount < 50 {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(gate.count.load(ordering: .relaxed) + sink.droppedAtShutdownCount == 50)
    }

    @Test("a call waiting for room when shutdown begins writes its record itself, past a stalled writer")
    func aCallWaitingForRoomWritesItselfOnceShutdownBegins() {
        let gate = FirstWriteGate()
        let sink = AsyncSink(gate, options: .init(capacity: 1))
        defer { gate.release.signal() }  // never leave the writer blocked
        sink.write(record("first"))
        gate.entered.wait()  // the writer holds "first"
        sink.write(record("second"))  // the queue is full now
        let returned = DispatchSemaphore(value: 0)
        Thread {
            sink.write(self.record("third"))  // waits for room under `.block`
            returned.signal()
        }.start()
        #expect(returned.wait(timeout: .now() + 0.05) == .timedOut, "the call waits for room")
        #expect(!sink.shutdown(timeout: .milliseconds(100)), "the writer is stalled past the deadline")
        #expect(returned.wait(timeout: .now() + 10) == .success, "the waiting call never returned")
        gate.release.signal()
        sink.flush()  // returns once the writer stopped
        #expect(gate.messages == ["first", "third"])
        #expect(sink.writtenCount == 1 && sink.droppedAtShutdownCount == 1)
    }

    @Test("a backed-up queue into a line-writing sink: every line once, in each caller's order")
    func backedUpQueueIntoALineWritingSink() async throws {
        // A slow destination and a small queue: the writer is behind most of the time,
        // so callers destroy the records it wrote while they queue new ones.
        let slow = SlowLineSink(delay: .microseconds(200))
        let sink = AsyncSink(slow, options: .init(capacity: 16))
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<300 {
                        sink.write(self.record("m \(writer) \(index)", ["w": writer, "i": index, "text": "a\"b\n"]))
                    }
                }
            }
        }
        sink.flush()
        let lines = slow.lines
        #expect(lines.count == 2400)
        #expect(sink.writtenCount == 2400 && sink.acceptedCount == 2400 && sink.droppedCount == 0)
        let objects = lines.compactMap { jsonObject($0) }
        #expect(objects.count == 2400)
        for writer in 0..<8 {
            let indices = objects.filter { $0["w"] as? Int == writer }.compactMap { $0["i"] as? Int }
            #expect(indices == Array(0..<300))
        }
        #expect(objects.allSatisfy { $0["text"] as? String == "a\"b\n" })
        // Each line is the one the formatter writes for its record.
        let expected = JSONFormatter().format(record("m 3 7", ["w": 3, "i": 7, "text": "a\"b\n"]))
        let line = try #require(lines.first { $0.contains("\"message\":\"m 3 7\"") })
        #expect(line.dropFirst(40) == expected.dropFirst(40))  // past the timestamp
    }

    @Test("every record is destroyed exactly once, by a caller or by the writer, and none is kept")
    func recordsAreDestroyedOnce() async throws {
        let alive = LiveCount()
        let slow = SlowLineSink(delay: .microseconds(50))
        let sink = AsyncSink(slow, options: .init(capacity: 32))
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for index in 0..<1000 {
                        sink.write(self.record("m", ["w": writer, "i": index, "tracked": Tracked(alive)]))
                    }
                }
            }
        }
        sink.flush()
        #expect(slow.lines.count == 4000)
        // Records the writer handed back and no caller took are destroyed once it is idle.
        for _ in 0..<500 where alive.value.load(ordering: .relaxed) != 0 {
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(alive.value.load(ordering: .relaxed) == 0)
        #expect(sink.shutdown(timeout: .seconds(5)))
        #expect(alive.value.load(ordering: .relaxed) == 0)
    }

    @Test func batchesFormattedLinesIntoALineWritingSink() throws {
        let directory = TemporaryDirectory()
        let file = try FileSink(path: directory.file("app.log"))
        let sink = AsyncSink(file)
        for index in 0..<5000 { sink.write(record("\(index)", ["i": index])) }
        sink.flush()
        let lines = directory.lines("app.log")
        #expect(lines.count == 5000)
        #expect(lines.compactMap { jsonObject($0)?["i"] as? Int } == Array(0..<5000))
    }

    @Test func aSinkThatLogsOnTheBackgroundThreadGoesToTheLastResort() {
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink()
        hierarchy.lastResort = lastResort
        let chatty = hierarchy.logger("chatty")

        final class LoggingSink: LogSink {
            let log: Log
            let inner = InMemorySink()
            init(_ log: Log) { self.log = log }
            func write(_ record: LogRecord) {
                log.error("sink is logging about \(record.message)")
                inner.write(record)
            }
        }
        let logging = LoggingSink(chatty)
        let sink = AsyncSink(logging, options: .init(capacity: 2))
        chatty.addSink(sink)
        for index in 0..<50 { chatty.info("record \(index)") }
        sink.flush()
        #expect(logging.inner.records.count == 50)
        #expect(lastResort.records.count == 50)
        #expect(lastResort.messages.first == "sink is logging about record 0")
    }

    @Test("a record reaching an async sink and other sinks, in either order, arrives whole at each")
    func recordsSharedWithOtherSinks() {
        // The last sink a record reaches takes it over when it is an async sink; the
        // others must still see it whole, before and after.
        for asyncIsLast in [true, false] {
            let hierarchy = LogHierarchy()
            let other = InMemorySink()
            let behindAsync = InMemorySink()
            let async = AsyncSink(behindAsync)
            let log = hierarchy.logger("app.orders")
            if asyncIsLast {
                log.addSink(other)
                log.addSink(async)
            } else {
                log.addSink(async)
                hierarchy.logger("app").addSink(other)
            }
            let bound = log.with(["component": "checkout"])
            LogContext.with(["request_id": "r-1", "user_id": heapStored("u-1")]) {
                for index in 0..<100 {
                    bound.info("order \(index)", ["index": index, "path": "/orders/\(index)", "status": 200])
                }
            }
            async.flush()
            let formatter = JSONFormatter()
            let expected = other.lines(formattedBy: formatter)
            #expect(expected.count == 100)
            #expect(behindAsync.lines(formattedBy: formatter) == expected)
            #expect(expected.last?.contains("\"request_id\":\"r-1\"") == true)
            #expect(expected.last?.contains("\"component\":\"checkout\"") == true)
        }
    }

    @Test func setupShutdownDrainsEverySink() throws {
        let hierarchy = LogHierarchy()
        let memory = InMemorySink()
        let slow = SlowSink(delay: .microseconds(100))
        let setup = try hierarchy.bootstrap(LogConfiguration(sinks: [AsyncSink(memory), AsyncSink(slow)]))
        let log = hierarchy.logger("app")
        for index in 0..<200 { log.info("\(index)") }
        #expect(setup.shutdown(timeout: .seconds(10)))
        #expect(memory.records.count == 200)
        #expect(slow.records.count == 200)
        log.info("after shutdown")
        #expect(memory.messages.last == "after shutdown")
    }

    @Test("maximumBytes and batchBytes set below their minimum later are raised, as the initializer does")
    func byteBoundsSetLater() {
        var options = AsyncSink.Options()
        options.maximumBytes = 0
        options.batchBytes = -1
        #expect(options.maximumBytes == 1024 && options.batchBytes == 4096)
        #expect(options == AsyncSink.Options(maximumBytes: 0, batchBytes: -1))
    }
}

@Suite("AsyncSink: no thread")
struct AsyncSinkWithoutThreadTests {
    @Test("an AsyncSink that cannot start its thread says so once and writes each record on the caller's thread")
    func noThread() async throws {
        let directory = TemporaryDirectory()
        let path = directory.file("app.log")
        let outcome = try await TestHost.run("async-without-thread", [path])
        #expect(outcome.status == 0)
        #expect(outcome.outputLines == ["lines=1", "lines=2", "lines=3", "complete=true"])
        #expect(
            outcome.errorLines == ["Logbook: AsyncSink could not start its thread; records are written synchronously."])
        #expect(directory.lines("app.log").map { jsonObject($0)?["message"] as? String } == ["m0", "m1", "m2"])
    }
}
