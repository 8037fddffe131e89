public import Logbook

/// A sink that keeps every record it receives, for tests that own the whole process or their
/// own sink list; elsewhere prefer ``LogCapture`` (the Testing guide says why).
public final class InMemorySink: LogSink, CustomStringConvertible {
    /// The lowest level kept.
    public let level: LogLevel
    /// Filters a record must pass to be kept.
    public let filters: [LogFilter]
    private let storage = LockedState<[LogRecord]>([])

    /// Creates an empty sink.
    public init(level: LogLevel = .trace, filters: [LogFilter] = []) {
        self.level = level
        self.filters = filters
    }

    /// Keeps `record`.
    public func write(_ record: LogRecord) {
        storage.withLock { $0.append(record) }
    }

    /// Every record received, in arrival order.
    public var records: [LogRecord] { storage.withLock { $0 } }

    /// The messages of every record received, in arrival order.
    public var messages: [String] { records.map(\.message) }

    /// The records received, formatted by `formatter`, one string per record.
    public func lines(formattedBy formatter: any LogFormatter) -> [String] {
        records.map { formatter.format($0) }
    }

    /// Forgets every record received so far.
    public func removeAll() {
        storage.withLock { $0.removeAll() }
    }

    /// `in-memory`.
    public var description: String { "in-memory" }
}
