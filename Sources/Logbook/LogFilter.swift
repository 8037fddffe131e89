/// A predicate that decides whether a record is kept.
///
/// Attach filters to a logger (``Log/addFilter(_:)``) or to a sink (``LogSink/filters``).
/// A logger's filters, like its level, are checked once, where the record is created:
/// records propagated from a descendant logger are not re-filtered by an ancestor's
/// filters. To filter everything a subtree writes to some output, filter the sink.
///
/// Filters run on the logging thread for every record that passed the level check, so
/// keep them cheap and never log from inside one.
public struct LogFilter: Sendable {
    @usableFromInline
    let predicate: @Sendable (LogRecord) -> Bool

    /// Creates a filter that keeps a record when `predicate` returns `true`.
    public init(_ predicate: @escaping @Sendable (LogRecord) -> Bool) {
        self.predicate = predicate
    }

    /// Whether the filter keeps `record`.
    @inlinable
    public func accepts(_ record: LogRecord) -> Bool { predicate(record) }

    /// Keeps records whose logger is `prefix` or one of its descendants.
    ///
    /// `prefix` names a logger as ``Log/init(_:)`` does, normalized the same way: the root
    /// (`""` or `"root"`) keeps every record, `"root.payments"` means `payments`.
    public static func logger(under prefix: String) -> LogFilter {
        guard let name = LoggerName.addressed(by: prefix) else { return LogFilter { _ in true } }
        let dotted = name + "."
        return LogFilter { $0.logger == name || $0.logger.hasPrefix(dotted) }
    }

    /// Drops records whose logger is `prefix` or one of its descendants; `prefix` is read
    /// as by ``logger(under:)`` (the root drops every record).
    public static func excludingLogger(under prefix: String) -> LogFilter {
        guard let name = LoggerName.addressed(by: prefix) else { return LogFilter { _ in false } }
        let dotted = name + "."
        return LogFilter { !($0.logger == name || $0.logger.hasPrefix(dotted)) }
    }
}
