/// Wraps any sink so logging calls only enqueue: one background thread formats and
/// writes the records in batches.
///
/// ```swift
/// let file = try FileSink(path: "/var/log/app/app.log")
/// try Log.bootstrap(level: .info, sinks: [AsyncSink(file)])
/// // At a normal exit (return from main, exit()) bootstrap's exit hook drains the queue.
/// ```
///
/// - The queue is bounded in records and in (estimated) bytes. When it is full the
///   ``Options/overflow`` policy decides: ``OverflowPolicy/block`` (the default) makes the
///   caller wait; ``OverflowPolicy/drop(below:)`` drops records below a level and counts
///   them (``droppedCount``, ``droppedCounts``). When records are accepted again after
///   drops, a `warning` record from logger `logbook` saying how many were dropped is
///   written in their place.
/// - With a ``LineWritingSink`` (``FileSink``, ``StreamSink``) the background thread
///   formats a burst of records into one buffer and hands it over as one `write(2)`;
///   other sinks get ``LogSink/write(_:)`` per record on the background thread.
/// - A record at or above ``Options/durableLevel`` (default `critical`) is written, with
///   everything queued before it, before the logging call returns, so a crash right
///   after it (`fatalError`, a signal) keeps it.
/// - ``flush()`` waits until every record accepted before the call was written.
///   ``shutdown(timeout:)`` drains the queue (waiting at most `timeout`) and stops the
///   thread; records logged afterwards are written directly by the calling thread.
/// - A sink or formatter that logs from the background thread never recurses: such
///   records go to the last resort.
public final class AsyncSink: LogSink, CustomStringConvertible {
    /// The sink that receives the records.
    public let wrapped: any LogSink
    /// The wrapped sink's level, checked before enqueueing.
    public let level: LogLevel
    /// The wrapped sink's filters, checked before enqueueing.
    public let filters: [LogFilter]
    /// The queue bounds and overflow policy.
    public let options: Options

    let queue: AsyncQueue

    /// Wraps `sink`, starting its background thread.
    public init(_ sink: any LogSink, options: Options = Options()) {
        wrapped = sink
        level = sink.level
        filters = sink.filters
        self.options = options
        queue = AsyncQueue(sink: sink, options: options)
        queue.start()
    }

    deinit {
        queue.close()
    }

    /// Enqueues `record` and returns; waits when the queue is full and the policy is
    /// ``OverflowPolicy/block``, and for a record at or above ``Options/durableLevel``
    /// until it was written.
    public func write(_ record: LogRecord) {
        queue.enqueue(copy record)
    }

    /// Waits until every record accepted before the call has been written, then flushes
    /// the wrapped sink. Returns at once on the background thread itself.
    public func flush() {
        queue.waitUntilWritten()
        wrapped.flush()
    }

    /// Writes what is queued, waiting at most `timeout`, stops the background thread and
    /// shuts the wrapped sink down with the time left. Returns whether everything was
    /// written; records still queued at the deadline are counted in
    /// ``droppedAtShutdownCount``. Records logged afterwards are written directly.
    @discardableResult
    public func shutdown(timeout: Duration) -> Bool {
        let deadline = ConditionLock.deadline(after: timeout)
        let drained = queue.drainAndStop(deadline: deadline)
        let remaining = Duration.nanoseconds(max(0, deadline - ConditionLock.now()))
        return wrapped.shutdown(timeout: remaining) && drained
    }

    /// Records dropped because the queue was full, in total.
    public var droppedCount: Int { queue.counters.dropped.reduce(0, +) }

    /// Records dropped because the queue was full, by level (levels with none are left out).
    public var droppedCounts: [LogLevel: Int] {
        Dictionary(uniqueKeysWithValues: zip(LogLevel.allCases, queue.counters.dropped).filter { $0.1 > 0 })
    }

    /// Records still queued when ``shutdown(timeout:)`` ran out of time.
    public var droppedAtShutdownCount: Int { queue.counters.droppedAtShutdown }

    /// Records accepted into the queue so far, drop summaries included.
    public var acceptedCount: Int { queue.counters.accepted }

    /// Records the background thread has handed to the wrapped sink so far, drop
    /// summaries included.
    public var writtenCount: Int { queue.counters.written }

    /// `async(<wrapped sink>)`.
    public var description: String {
        "async(\(wrapped), capacity \(options.capacity), \(options.overflow))"
    }
}
