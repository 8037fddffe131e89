/// A predicate that decides whether a record is kept, attached to a logger (``Log/addFilter(_:)``)
/// or a sink (``LogSink/filters``). A logger's filters, like its level, are checked only where
/// the record is created; to filter everything a subtree writes to some output, filter the
/// sink. Filters run on the logging thread for every record that passed the level check, so
/// keep them cheap and never log from inside one.
public struct LogFilter: Sendable {
    @usableFromInline
    let predicate: @Sendable (LogRecord) -> Bool

    /// Creates a filter that keeps a record when `predicate` returns `true`.
    public init(_ predicate: @escaping @Sendable (LogRecord) -> Bool) {
        self.predicate = predicate
    }

    /// Whether the filter keeps `record`: how to combine filters (a sink keeps a record only when
    /// all of its filters do), test one, or apply a sink's ``LogSink/filters`` in a sink that wraps it.
    @inlinable
    public func accepts(_ record: LogRecord) -> Bool { predicate(record) }

    /// Keeps records of logger `prefix`, normalized as by ``Log/init(_:)``, and its descendants:
    /// the root (`""` or `"root"`) keeps every record, `"root.payments"` means `payments`.
    public static func logger(under prefix: String) -> LogFilter {
        guard let name = LoggerName.addressed(by: LoggerName.normalize(prefix)) else { return LogFilter { _ in true } }
        let subtree = LoggerName.Subtree(name)
        return LogFilter { subtree.contains($0.logger) }
    }

    /// Drops what ``logger(under:)`` keeps (so the root drops every record).
    public static func excludingLogger(under prefix: String) -> LogFilter {
        let kept = logger(under: prefix)
        return LogFilter { !kept.accepts($0) }
    }
}
