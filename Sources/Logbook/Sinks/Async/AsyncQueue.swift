/// The bounded queue and background writer behind ``AsyncSink``.
///
/// Producers move records into `pending` under the lock; the writer swaps the whole buffer
/// out and writes it outside the lock. A producer signals only a sleeping writer, and the
/// writer naps before it sleeps, so a steady stream makes no system call. A writer that is
/// behind leaves written records for the producers to destroy on the thread that allocated
/// them (``accepted(cost:)``): glibc frees from another thread at the cost of a lock and
/// cache misses (about 280 ns against 10 ns on the benchmark machine).
final class AsyncQueue: @unchecked Sendable {
    struct Counters {
        var accepted = 0
        var written = 0
        var dropped = [Int](repeating: 0, count: LogLevel.allCases.count)
        var droppedAtShutdown = 0
    }

    enum Phase {
        case running
        /// Draining before stop; new records bypass the queue.
        case closing
        /// The deadline passed: the writer discards what is left.
        case abandoned
        case stopped
    }

    /// Everything the lock guards, behind a pointer: a class's stored `var` is checked for
    /// exclusivity on each access, which cost more than the rest of a hand-off.
    struct State {
        var pending: RecordBuffer
        /// Records the writer has written, for callers to destroy.
        var finished: RecordBuffer
        var pendingBytes = 0
        var phase = Phase.running
        var writerAsleep = false
        var dropsInEpisode = [Int](repeating: 0, count: LogLevel.allCases.count)
        var droppingNow = false
        var counters = Counters()
        /// The writer thread's per-thread scratch, which identifies that thread.
        var writerThread: ObjectIdentifier?
    }

    let options: AsyncSink.Options
    let sink: any LogSink
    /// A ``LineWritingSink`` and its formatter, read once, as is `sinkLevel` (below which no
    /// drop summary is queued).
    let lineWriter: (sink: any LineWritingSink, formatter: any LogFormatter)?
    let sinkLevel: LogLevel
    /// A full queue drops records below this level (never durable ones); the rest wait for room.
    let dropsBelow: LogLevel
    let lock = ConditionLock()
    let workAvailable: ConditionLock.Condition
    let spaceAvailable: ConditionLock.Condition
    let progress: ConditionLock.Condition
    let state: UnsafeMutablePointer<State>

    init(sink: any LogSink, options: AsyncSink.Options) {
        self.options = options
        self.sink = sink
        lineWriter = (sink as? any LineWritingSink).map { ($0, $0.formatter) }
        sinkLevel = sink.level
        dropsBelow = if case .drop(let below) = options.overflow { min(below, options.durableLevel) } else { .trace }
        workAvailable = lock.makeCondition()
        spaceAvailable = lock.makeCondition()
        progress = lock.makeCondition()
        state = .allocate(capacity: 1)
        let size = min(options.capacity, 4096)
        state.initialize(to: State(pending: RecordBuffer(capacity: size), finished: RecordBuffer(capacity: size)))
        if !BackgroundThread.start({ [self] in runWriter() }) {
            state.pointee.phase = .stopped
            StandardErrorLastResort.report("AsyncSink could not start its thread; records are written synchronously.")
        }
    }

    deinit {
        state.pointee.pending.deallocate()
        state.pointee.finished.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var counters: Counters { lock.withLock { state.pointee.counters } }

    /// ``AsyncSink/write(_:)``: moves `record` into the queue, drops it, or (after shutdown) writes it.
    func enqueue(_ record: consuming LogRecord) {
        // A cheap estimate of the formatted size: no formatting, no traversal.
        let cost = 128 + record.message.utf8.count + 48 * (record.fields.count + record.boundFields.count)
        let level = record.level
        lock.lock()
        while state.pointee.phase == .running
            && (state.pointee.pending.count >= options.capacity
                || (state.pointee.pendingBytes + cost > options.maximumBytes && !state.pointee.pending.isEmpty))
        {
            // On the writer thread (a formatter that logs into its own full queue) waiting
            // would deadlock and writing directly could recurse: drop. A durable record
            // waits: the caller was promised it is written when the call returns.
            if isWriterThread || level < dropsBelow {
                state.pointee.counters.dropped[Int(level.rawValue)] += 1
                state.pointee.dropsInEpisode[Int(level.rawValue)] += 1
                state.pointee.droppingNow = true
                lock.unlock()
                return
            }
            lock.wait(spaceAvailable)
        }
        guard state.pointee.phase == .running else {
            // Stopped or stopping: the caller writes the record itself.
            lock.unlock()
            sink.write(record)
            return
        }
        if state.pointee.droppingNow { appendDropSummary() }
        state.pointee.pending.append(record)
        accepted(cost: cost)
        if level >= options.durableLevel {
            // Wake a napping writer rather than wait out its nap.
            lock.signal(workAvailable)
            waitUntilWritten()
        }
    }

    /// Counts a record just queued, unlocks, wakes a sleeping writer, then destroys one
    /// record the writer left, if any. (Two at a time measured slower: the thread's
    /// allocator cache then overflows on frees and runs dry on allocations.)
    private func accepted(cost: Int) {
        state.pointee.pendingBytes += cost
        state.pointee.counters.accepted += 1
        let wake = state.pointee.writerAsleep
        state.pointee.writerAsleep = false
        withUnsafeTemporaryAllocation(of: LogRecord.self, capacity: 1) { slot in
            let finished = slot.baseAddress!
            let took = state.pointee.finished.popRecord(into: finished)
            lock.unlock()
            if wake { lock.signal(workAvailable) }
            if took { finished.deinitialize(count: 1) }
        }
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
            lock.wait(progress)
        }
    }

    /// Stops accepting, lets the writer drain until `deadline`, then stops it. Returns
    /// whether everything was written.
    func drainAndStop(deadline: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if isWriterThread {
            // The writer cannot drain its own queue (a sink that shuts the process down
            // from the writer thread): what is left is lost, and counted as such.
            state.pointee.counters.droppedAtShutdown += state.pointee.pending.count
            state.pointee.pending.removeAll()
            return false
        }
        if state.pointee.phase == .running {
            if state.pointee.droppingNow { appendDropSummary() }
            state.pointee.phase = .closing
        }
        lock.signal(workAvailable)
        lock.broadcast(spaceAvailable)
        while state.pointee.phase != .stopped {
            if !lock.wait(progress, until: deadline) && state.pointee.phase != .stopped {
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

    /// Queues the summary of the drop episode that just ended, unless it is below the
    /// wrapped sink's level. Lock held, so the sink's filters are not asked: user code may log.
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
        guard summary.level >= sinkLevel else { return }
        state.pointee.pending.append(summary)
        state.pointee.counters.accepted += 1
    }

    /// Lock held.
    var isWriterThread: Bool {
        guard let writerThread = state.pointee.writerThread else { return false }
        return ObjectIdentifier(ThreadScratch.current) == writerThread
    }
}
