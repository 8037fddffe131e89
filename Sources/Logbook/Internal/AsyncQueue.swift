/// The bounded queue and background writer behind ``AsyncSink``.
///
/// Producers move records into `pending` under the lock (a short critical section: a
/// move into a slot and a few counters). The writer swaps the whole buffer out in one
/// step and formats and writes it outside the lock, so producers and the writer hold the
/// lock for nanoseconds per record, not for the write. Records are moved, never copied:
/// in by the producer, out by the writer (see ``RecordBuffer``). Wake-ups are batched: a
/// producer signals only when the writer is asleep, and the writer naps briefly before
/// it falls asleep, so under a steady stream producers never make a system call.
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

    /// Everything the lock guards. It sits behind a pointer rather than in stored
    /// properties: each access to a class's stored `var` is checked for exclusivity at
    /// run time, which cost more than the rest of a hand-off; the lock already makes
    /// access exclusive.
    private struct State {
        var pending: RecordBuffer
        var pendingBytes = 0
        var phase = Phase.running
        var writerAsleep = false
        var waitingProducers = 0
        var waitingFlushers = 0
        var dropsInEpisode = [Int](repeating: 0, count: LogLevel.allCases.count)
        var droppingNow = false
        var counters = Counters()
        /// The writer thread's per-thread scratch, which identifies that thread.
        var writerThread: ObjectIdentifier?
    }

    private let sink: any LogSink
    private let options: Options
    private let lock = ConditionLock()
    private let workAvailable: ConditionLock.Condition
    private let spaceAvailable: ConditionLock.Condition
    private let progress: ConditionLock.Condition
    /// Guarded by `lock`.
    private let state: UnsafeMutablePointer<State>

    typealias Options = AsyncSink.Options

    init(sink: any LogSink, options: Options) {
        self.sink = sink
        self.options = options
        workAvailable = lock.makeCondition()
        spaceAvailable = lock.makeCondition()
        progress = lock.makeCondition()
        state = .allocate(capacity: 1)
        state.initialize(to: State(pending: RecordBuffer(capacity: min(options.capacity, 4096))))
    }

    deinit {
        state.pointee.pending.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var counters: Counters { lock.withLock { state.pointee.counters } }

    func start() {
        let started = BackgroundThread.start { [self] in runWriter() }
        if !started {
            lock.withLock { state.pointee.phase = .stopped }
            Diagnostics.report("AsyncSink could not start its thread; records are written synchronously.")
        }
    }

    /// Moves `record` into the queue. Returns it when the caller must write it itself
    /// (after shutdown), `nil` when it was queued or dropped.
    func enqueue(_ record: consuming LogRecord) -> LogRecord? {
        let cost = Self.estimatedBytes(of: record)
        let level = record.level
        lock.lock()
        guard state.pointee.phase == .running else {
            lock.unlock()
            return record
        }
        while state.pointee.pending.count >= options.capacity
            || (state.pointee.pendingBytes + cost > options.maximumBytes && !state.pointee.pending.isEmpty)
        {
            // Dropping is the only safe choice on the writer thread itself (a formatter
            // that logs into a full queue whose last resort is this sink): waiting
            // would deadlock and writing directly could recurse.
            if isWriterThread || options.overflow.drops(level) {
                state.pointee.counters.dropped[Int(level.rawValue)] += 1
                state.pointee.dropsInEpisode[Int(level.rawValue)] += 1
                state.pointee.droppingNow = true
                lock.unlock()
                return nil
            }
            state.pointee.waitingProducers += 1
            lock.wait(spaceAvailable)
            state.pointee.waitingProducers -= 1
            if state.pointee.phase != .running {
                lock.unlock()
                return record
            }
        }
        if state.pointee.droppingNow { appendDropSummary() }
        state.pointee.pending.append(record)
        state.pointee.pendingBytes += cost
        state.pointee.counters.accepted += 1
        let wake = state.pointee.writerAsleep
        state.pointee.writerAsleep = false
        lock.unlock()
        if wake { lock.signal(workAvailable) }
        return nil
    }

    /// Waits until everything accepted so far has been written.
    func waitUntilWritten() {
        lock.lock()
        defer { lock.unlock() }
        guard !isWriterThread else { return }
        let target = state.pointee.counters.accepted
        while state.pointee.counters.written + state.pointee.counters.droppedAtShutdown < target
            && state.pointee.phase != .stopped
        {
            state.pointee.waitingFlushers += 1
            lock.wait(progress)
            state.pointee.waitingFlushers -= 1
        }
    }

    /// Stops accepting, lets the writer drain until `deadline`, then stops it. Returns
    /// whether everything was written.
    func drainAndStop(deadline: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if isWriterThread { return false }
        if state.pointee.phase == .running {
            if state.pointee.droppingNow { appendDropSummary() }
            state.pointee.phase = .closing
        }
        lock.signal(workAvailable)
        lock.broadcast(spaceAvailable)
        while state.pointee.phase != .stopped {
            state.pointee.waitingFlushers += 1
            let inTime = lock.wait(progress, until: deadline)
            state.pointee.waitingFlushers -= 1
            if !inTime && state.pointee.phase != .stopped {
                if state.pointee.phase == .closing { state.pointee.phase = .abandoned }
                break
            }
        }
        return state.pointee.counters.droppedAtShutdown == 0 && state.pointee.phase == .stopped
    }

    /// Like ``drainAndStop(deadline:)`` without waiting, for a sink being released.
    func close() {
        lock.withLock {
            if state.pointee.phase == .running { state.pointee.phase = .closing }
        }
        lock.signal(workAvailable)
    }

    /// Queues the summary of the drop episode that just ended. Lock held.
    private func appendDropSummary() {
        var levels = LogFields()
        var total = 0
        for level in LogLevel.allCases where state.pointee.dropsInEpisode[Int(level.rawValue)] > 0 {
            levels[level.name] = state.pointee.dropsInEpisode[Int(level.rawValue)]
            total += state.pointee.dropsInEpisode[Int(level.rawValue)]
        }
        state.pointee.dropsInEpisode = [Int](repeating: 0, count: LogLevel.allCases.count)
        state.pointee.droppingNow = false
        let summary = LogRecord(
            level: .warning, logger: "logbook",
            message: "AsyncSink dropped \(total) records because its queue was full",
            fields: ["dropped": total, "dropped_by_level": levels, "overflow": options.overflow.description])
        state.pointee.pending.append(summary)
        state.pointee.counters.accepted += 1
    }

    /// Lock held.
    private var isWriterThread: Bool {
        guard let writerThread = state.pointee.writerThread else { return false }
        return ObjectIdentifier(ThreadScratch.current) == writerThread
    }

    // MARK: - The writer thread

    private func runWriter() {
        ThreadScratch.current.isDelivering = true
        var batch = RecordBuffer(capacity: min(options.capacity, 4096))
        defer { batch.deallocate() }
        var lines = LogBuffer(capacity: 64 * 1024)
        let output = Output(sink)
        lock.lock()
        state.pointee.writerThread = ObjectIdentifier(ThreadScratch.current)
        while true {
            var napped = false
            while state.pointee.pending.isEmpty && state.pointee.phase == .running {
                if !napped {
                    // A short nap first, without asking to be woken: under a steady stream
                    // of records the next batch is there when it ends, and producers
                    // never pay for a wake-up. Only an idle writer is signalled.
                    napped = true
                    _ = lock.wait(workAvailable, until: ConditionLock.now() + Self.napNanoseconds)
                    continue
                }
                state.pointee.writerAsleep = true
                lock.wait(workAvailable)
            }
            state.pointee.writerAsleep = false
            if state.pointee.phase == .abandoned {
                state.pointee.counters.droppedAtShutdown += state.pointee.pending.count
                state.pointee.pending.removeAll()
            }
            if state.pointee.pending.isEmpty && state.pointee.phase != .running { break }
            swap(&batch, &state.pointee.pending)
            state.pointee.pendingBytes = 0
            if state.pointee.waitingProducers > 0 { lock.broadcast(spaceAvailable) }
            lock.unlock()

            let count = batch.count
            output.write(&batch, lines: &lines, batchBytes: options.batchBytes)

            lock.lock()
            state.pointee.counters.written += count
            if state.pointee.waitingFlushers > 0 { lock.broadcast(progress) }
        }
        state.pointee.phase = .stopped
        state.pointee.writerThread = nil
        lock.broadcast(progress)
        lock.broadcast(spaceAvailable)
        lock.unlock()
    }

    /// How long the writer waits for more records before it sleeps until signalled.
    static let napNanoseconds: Int64 = 200_000

    /// A cheap estimate of a record's formatted size: no formatting, no traversal.
    static func estimatedBytes(of record: borrowing LogRecord) -> Int {
        128 + record.message.utf8.count + 48 * (record.fields.count + record.boundFields.count)
    }
}

extension AsyncQueue {
    /// How the writer hands records to the wrapped sink: formatted into lines and written
    /// in batches for a ``LineWritingSink``, one by one for any other sink. Worked out
    /// once, when the writer starts.
    struct Output {
        let sink: any LogSink
        let lineSink: (any LineWritingSink)?
        let formatter: (any LogFormatter)?
        let limitsItsLines: Bool
        let lineLimit: Int

        init(_ sink: any LogSink) {
            self.sink = sink
            lineSink = sink as? any LineWritingSink
            formatter = lineSink?.formatter
            limitsItsLines = formatter.map(LineFraming.limitsItsLines) ?? false
            lineLimit = lineSink?.lineLimit ?? LineFraming.defaultLineLimit
        }

        /// Writes and empties `records`.
        func write(_ records: inout RecordBuffer, lines: inout LogBuffer, batchBytes: Int) {
            guard let lineSink, let formatter else {
                records.removeEach { sink.write($0) }
                return
            }
            lines.removeAll()
            records.removeEach { record in
                LineFraming.appendLine(
                    record, formatter: formatter, limitsItsLines: limitsItsLines, lineLimit: lineLimit, into: &lines)
                if lines.count >= batchBytes {
                    lines.withUnsafeBytes { lineSink.writeLines($0) }
                    lines.removeAll()
                }
            }
            if !lines.isEmpty {
                lines.withUnsafeBytes { lineSink.writeLines($0) }
            }
            lines.shrink(ifLargerThan: 4 * batchBytes, to: 64 * 1024)
        }
    }
}
