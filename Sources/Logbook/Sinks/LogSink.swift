/// A destination for records: standard output, a file, a socket, memory.
///
/// Attach sinks to a logger (``Log/addSink(_:)``) or pass them to
/// ``Log/bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)``. <doc:HierarchyAndLevels>
/// says which sinks a record reaches, <doc:WritingSinksAndFormatters> the rules a sink keeps.
///
/// ```swift
/// final class CountingSink: LogSink {
///     let count = Mutex(0)
///     func write(_ record: LogRecord) { count.withLock { $0 += 1 } }
/// }
/// ```
public protocol LogSink: AnyObject, Sendable {
    /// The lowest level passed to ``write(_:)``. Read when the sink is attached, so it must not
    /// change afterwards (attach a new sink instead). Defaults to ``LogLevel/trace``.
    var level: LogLevel { get }

    /// Filters a record must pass before ``write(_:)``, read when the sink is attached. Defaults to none.
    var filters: [LogFilter] { get }

    /// Delivers one record at or above ``level`` that every filter accepted.
    func write(_ record: LogRecord)

    /// Blocks until every record passed to ``write(_:)`` so far has reached its destination.
    func flush()

    /// Writes everything accepted so far and stops background work, waiting at most
    /// `timeout`; returns whether all of it was written in time. ``LogSetup/shutdown(timeout:)``
    /// calls it on every sink at exit; records that arrive afterwards must still not crash:
    /// write them directly or drop and count them. The default calls ``flush()`` and returns `true`.
    @discardableResult
    func shutdown(timeout: Duration) -> Bool
}

extension LogSink {
    /// Accepts every level.
    public var level: LogLevel { .trace }

    /// No filters.
    public var filters: [LogFilter] { [] }

    /// Nothing to flush: right for sinks that write synchronously.
    public func flush() {}

    /// Flushes; nothing else to stop.
    @discardableResult
    public func shutdown(timeout: Duration) -> Bool {
        flush()
        return true
    }
}
