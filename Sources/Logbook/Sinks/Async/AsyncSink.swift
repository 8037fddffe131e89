/// Wraps any sink so logging calls only enqueue: one background thread formats and
/// writes the records in batches.
///
/// ```swift
/// let file = try FileSink(path: "/var/log/app/app.log")
/// try Log.bootstrap(level: .info, sinks: [AsyncSink(file)])
/// // At a normal exit (return from main, exit()) bootstrap's exit hook drains the queue.
/// ```
///
/// ``Options`` bound the queue and say what happens when it is full. A sink other than a
/// ``LineWritingSink`` gets ``LogSink/write(_:)`` per record on the background thread.
public final class AsyncSink: LogSink, CustomStringConvertible {
    /// The sink that receives the records.
    public var wrapped: any LogSink { queue.sink }
    /// The wrapped sink's level, checked before enqueueing.
    public var level: LogLevel { queue.sinkLevel }
    /// The wrapped sink's filters, checked before enqueueing.
    public let filters: [LogFilter]
    package var options: Options { queue.options }

    let queue: AsyncQueue

    /// Wraps `sink`, starting its background thread.
    public init(_ sink: any LogSink, options: Options = Options()) {
        filters = sink.filters
        queue = AsyncQueue(sink: sink, options: options)
    }

    deinit {
        queue.close()
    }

    /// Enqueues `record`, waiting as ``Options/overflow`` and ``Options/durableLevel`` say.
    public func write(_ record: LogRecord) {
        queue.enqueue(copy record)
    }

    /// Waits until every record accepted before the call has been written, then flushes
    /// the wrapped sink. Returns at once on the background thread itself.
    public func flush() {
        queue.waitUntilWritten()
        wrapped.flush()
    }

    /// Writes what is queued within `timeout`, stops the background thread and shuts the
    /// wrapped sink down with the time left. Returns whether everything was written (see
    /// ``droppedAtShutdownCount``). Records logged afterwards are written directly by the calling thread.
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

    /// Records handed to the wrapped sink so far, drop summaries included.
    public var writtenCount: Int { queue.counters.written }

    /// `async(<wrapped sink>, capacity <capacity>, <overflow policy>)`.
    public var description: String {
        "async(\(wrapped), capacity \(options.capacity), \(options.overflow))"
    }
}
