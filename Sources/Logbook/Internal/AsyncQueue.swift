/// The bounded queue and background writer behind ``AsyncSink``.
///
/// Producers append to `pending` under the lock (a short critical section: an array
/// append and a few counters). The writer swaps the whole array out in one step and
/// formats and writes it outside the lock, so producers and the writer hold the lock
/// for nanoseconds per record, not for the write. Wake-ups are batched: a producer
/// signals only when the writer is asleep, and the writer naps briefly before it falls
/// asleep, so under a steady stream producers never make a system call.
final class AsyncQueue: @unchecked Sendable {
    struct Counters {
        var accepted = 0
        var written = 0
        var dropped = [Int](repeating: 0, count: LogLevel.allCases.count)
        var droppedAtShutdown = 0
    }

    private enum Phase {
        case running
        /// Draining before stop; new records bypass the queue.
        case closing
        /// The deadline passed: the writer discards what is left.
        case abandoned
        case stopped
    }

    private let sink: any LogSink
    private let options: Options
    private let lock = ConditionLock()
    private let workAvailable: ConditionLock.Condition
    private let spaceAvailable: ConditionLock.Condition
    private let progress: ConditionLock.Condition

    // Everything below is guarded by `lock`.
    private var pending: [LogRecord] = []
    private var pendingBytes = 0
    private var phase = Phase.running
    private var writerAsleep = false
    private var waitingProducers = 0
    private var waitingFlushers = 0
    private var dropsInEpisode = [Int](repeating: 0, count: LogLevel.allCases.count)
    private var droppingNow = false
    private var storedCounters = Counters()
    /// The writer thread's per-thread scratch, which identifies that thread.
    private var writerThread: ObjectIdentifier?

    typealias Options = AsyncSink.Options

    init(sink: any LogSink, options: Options) {
        self.sink = sink
        self.options = options
        workAvailable = lock.makeCondition()
        spaceAvailable = lock.makeCondition()
        progress = lock.makeCondition()
        pending.reserveCapacity(min(options.capacity, 4096))
    }

    var counters: Counters { lock.withLock { storedCounters } }

    func start() {
        let started = BackgroundThread.start { [self] in runWriter() }
        if !started {
            lock.withLock { phase = .stopped }
            Diagnostics.report("AsyncSink could not start its thread; records are written synchronously.")
        }
    }

    /// Queues `record`. Returns `false` when the caller must write it itself (after
    /// shutdown, or when called on the writer thread).
    func enqueue(_ record: LogRecord) -> Bool {
        let cost = Self.estimatedBytes(of: record)
        lock.lock()
        guard phase == .running else {
            lock.unlock()
            return false
        }
        while pending.count >= options.capacity || (pendingBytes + cost > options.maximumBytes && !pending.isEmpty) {
            // Dropping is the only safe choice on the writer thread itself (a formatter
            // that logs into a full queue whose last resort is this sink): waiting
            // would deadlock and writing directly could recurse.
            if isWriterThread || options.overflow.drops(record.level) {
                storedCounters.dropped[Int(record.level.rawValue)] += 1
                dropsInEpisode[Int(record.level.rawValue)] += 1
                droppingNow = true
                lock.unlock()
                return true
            }
            waitingProducers += 1
            lock.wait(spaceAvailable)
            waitingProducers -= 1
            if phase != .running {
                lock.unlock()
                return false
            }
        }
        if droppingNow { appendDropSummary() }
        pending.append(record)
        pendingBytes += cost
        storedCounters.accepted += 1
        let wake = writerAsleep
        writerAsleep = false
        lock.unlock()
        if wake { lock.signal(workAvailable) }
        return true
    }

    /// Waits until everything accepted so far has been written.
    func waitUntilWritten() {
        lock.lock()
        defer { lock.unlock() }
        guard !isWriterThread else { return }
        let target = storedCounters.accepted
        while storedCounters.written + storedCounters.droppedAtShutdown < target && phase != .stopped {
            waitingFlushers += 1
            lock.wait(progress)
            waitingFlushers -= 1
        }
    }

    /// Stops accepting, lets the writer drain until `deadline`, then stops it. Returns
    /// whether everything was written.
    func drainAndStop(deadline: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if isWriterThread { return false }
        if phase == .running {
            if droppingNow { appendDropSummary() }
            phase = .closing
        }
        lock.signal(workAvailable)
        lock.broadcast(spaceAvailable)
        while phase != .stopped {
            waitingFlushers += 1
            let inTime = lock.wait(progress, until: deadline)
            waitingFlushers -= 1
            if !inTime && phase != .stopped {
                if phase == .closing { phase = .abandoned }
                break
            }
        }
        return storedCounters.droppedAtShutdown == 0 && phase == .stopped
    }

    /// Like ``drainAndStop(deadline:)`` without waiting, for a sink being released.
    func close() {
        lock.withLock {
            if phase == .running { phase = .closing }
        }
        lock.signal(workAvailable)
    }

    /// Queues the summary of the drop episode that just ended. Lock held.
    private func appendDropSummary() {
        var levels = LogFields()
        var total = 0
        for level in LogLevel.allCases where dropsInEpisode[Int(level.rawValue)] > 0 {
            levels[level.name] = dropsInEpisode[Int(level.rawValue)]
            total += dropsInEpisode[Int(level.rawValue)]
        }
        dropsInEpisode = [Int](repeating: 0, count: LogLevel.allCases.count)
        droppingNow = false
        let summary = LogRecord(
            level: .warning, logger: "logbook",
            message: "AsyncSink dropped \(total) records because its queue was full",
            fields: ["dropped": total, "dropped_by_level": levels, "overflow": options.overflow.description])
        pending.append(summary)
        storedCounters.accepted += 1
    }

    private var isWriterThread: Bool {
        guard let writerThread else { return false }
        return ObjectIdentifier(ThreadScratch.current) == writerThread
    }

    // MARK: - The writer thread

    private func runWriter() {
        ThreadScratch.current.isDelivering = true
        var batch: [LogRecord] = []
        batch.reserveCapacity(min(options.capacity, 4096))
        var lines = LogBuffer(capacity: 64 * 1024)
        lock.lock()
        writerThread = ObjectIdentifier(ThreadScratch.current)
        while true {
            var napped = false
            while pending.isEmpty && phase == .running {
                if !napped {
                    // A short nap first, without asking to be woken: under a steady stream
                    // of records the next batch is there when it ends, and producers
                    // never pay for a wake-up. Only an idle writer is signalled.
                    napped = true
                    _ = lock.wait(workAvailable, until: ConditionLock.now() + Self.napNanoseconds)
                    continue
                }
                writerAsleep = true
                lock.wait(workAvailable)
            }
            writerAsleep = false
            if phase == .abandoned {
                storedCounters.droppedAtShutdown += pending.count
                pending.removeAll()
            }
            if pending.isEmpty && phase != .running { break }
            swap(&batch, &pending)
            pendingBytes = 0
            if waitingProducers > 0 { lock.broadcast(spaceAvailable) }
            lock.unlock()

            write(batch, lines: &lines)
            let count = batch.count
            batch.removeAll(keepingCapacity: true)

            lock.lock()
            storedCounters.written += count
            if waitingFlushers > 0 { lock.broadcast(progress) }
        }
        phase = .stopped
        writerThread = nil
        lock.broadcast(progress)
        lock.broadcast(spaceAvailable)
        lock.unlock()
    }

    private func write(_ records: [LogRecord], lines: inout LogBuffer) {
        guard let lineSink = sink as? any LineWritingSink else {
            for record in records { sink.write(record) }
            return
        }
        let formatter = lineSink.formatter
        let limitsItsLines = LineFraming.limitsItsLines(formatter)
        let lineLimit = lineSink.lineLimit
        lines.removeAll()
        for record in records {
            LineFraming.appendLine(
                record, formatter: formatter, limitsItsLines: limitsItsLines, lineLimit: lineLimit, into: &lines)
            if lines.count >= options.batchBytes {
                lines.withUnsafeBytes { lineSink.writeLines($0) }
                lines.removeAll()
            }
        }
        if !lines.isEmpty {
            lines.withUnsafeBytes { lineSink.writeLines($0) }
        }
        lines.shrink(ifLargerThan: 4 * options.batchBytes, to: 64 * 1024)
    }

    /// How long the writer waits for more records before it sleeps until signalled.
    static let napNanoseconds: Int64 = 200_000

    /// A cheap estimate of a record's formatted size: no formatting, no traversal.
    static func estimatedBytes(of record: LogRecord) -> Int {
        128 + record.message.utf8.count + 48 * (record.fields.count + record.boundFields.count)
    }
}
