/// A predicate that decides whether a record is kept, attached to a logger (``Log/addFilter(_:)``:
/// only the records it creates) or a sink (``LogSink/filters``: everything it receives). Filters
/// run on the logging thread for every record that passed the level check, so keep them cheap
/// and never log from inside one.
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
        let dotted = name + "."
        let depth = LoggerName.dots(in: name).count
        // Segments compared as names are. The name and then a dot that is a Character of its own:
        // a descendant. Only a mark joined to a dot makes this Character test miss one, and an
        // ASCII logger has none; otherwise the ancestor at the name's depth ends at the next dot.
        return LogFilter { record in
            var logger = record.logger
            if logger == name || logger.hasPrefix(dotted) { return true }
            if logger.withUTF8({ bytes in !bytes.contains { $0 >= 0x80 } }) { return false }
            guard let end = LoggerName.dots(in: logger).dropFirst(depth).first else { return false }
            return logger[..<end] == name
        }
    }

    /// Drops what ``logger(under:)`` keeps (so the root drops every record).
    public static func excludingLogger(under prefix: String) -> LogFilter {
        let kept = logger(under: prefix)
        return LogFilter { !kept.accepts($0) }
    }
}
