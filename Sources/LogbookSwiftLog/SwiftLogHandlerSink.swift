#if SwiftLogBridge
public import Logbook
public import Logging

/// A sink that hands every Logbook record to a swift-log `LogHandler`, such as
/// swift-otel's OTLP logging backend, so Logbook records reach an OpenTelemetry collector.
///
/// ```swift
/// let otelLogs = try OTel.makeLoggingBackend()   // does not bootstrap swift-log
/// try Log.bootstrap(
///     level: .info,
///     sinks: [StreamSink(.standardOutput, formatter: JSONFormatter()), SwiftLogHandlerSink(otelLogs.factory)]
/// ).bridgingSwiftLog()
/// ```
///
/// The handler is called directly, with `log(event:)`, never through a swift-log `Logger`:
/// nothing goes back through `LoggingSystem`, so the sink can sit next to the swift-log
/// bridge (``Logbook/LogSetup/bridgingSwiftLog(metadataProvider:file:line:)``) without
/// a loop. What maps to what:
/// - the logger name is the label the factory is asked for (once per name; the handlers
///   are kept) and the event's `source`, and with `loggerKey` also a metadata entry;
/// - the level maps one to one; a record below the handler's own `logLevel` is not passed;
/// - the message is the message, the error the error, file, function and line the call
///   site's;
/// - the fields (call site, bound, ``LogContext``, field providers: the same fields a
///   formatter writes) are the event's metadata, converted with
///   ``Logging/Logger/MetadataValue/init(_:)`` so numbers and booleans keep their type.
///   The handler's own `metadata` and `metadataProvider` are the handler's business:
///   most handlers add them, swift-otel's adds its `metadata` only.
///
/// The handler runs on the logging task, inside the logging call: it sees the task's
/// task-local values, such as the current span that swift-otel's handler attaches to each
/// exported record. Do not wrap this sink in an ``AsyncSink``: on its background thread
/// the task-locals are gone and the exported records lose their trace context. A handler
/// that queues its own work (swift-otel's batches and exports in the background) keeps
/// the logging call cheap.
public final class SwiftLogHandlerSink: LogSink {
    /// The lowest level passed to the handler.
    public let level: LogLevel
    /// Filters a record must pass.
    public let filters: [LogFilter]
    /// The metadata key for the logger name, if any.
    private let loggerKey: String?
    /// Makes the handler for a logger name.
    private let makeHandler: @Sendable (String) -> any LogHandler
    /// The handler made for each logger name so far.
    private let handlers = LockedState<[String: any LogHandler]>([:])

    /// A sink that asks `factory` for one handler per logger name, with the name as the
    /// label, the way `LoggingSystem` would. `factory` has the shape of
    /// `LoggingSystem.bootstrap`'s argument and of swift-otel's
    /// `OTel.makeLoggingBackend().factory`.
    ///
    /// - Parameters:
    ///   - level: The lowest level passed on. Defaults to ``LogLevel/trace``.
    ///   - filters: Filters a record must pass. Defaults to none.
    ///   - loggerKey: When set, the logger name is also added to the metadata under this
    ///     key (unless a field has that key). For handlers that drop the label and
    ///     `source`, as swift-otel's does: `loggerKey: "logger"` keeps the name in the
    ///     exported attributes. Defaults to `nil`.
    ///   - factory: Makes the handler for a label.
    public init(
        level: LogLevel = .trace,
        filters: [LogFilter] = [],
        loggerKey: String? = nil,
        _ factory: @escaping @Sendable (_ label: String) -> any LogHandler
    ) {
        self.level = level
        self.filters = filters
        self.loggerKey = loggerKey
        self.makeHandler = factory
    }

    /// A sink that passes every record to `handler`, whatever its logger; `level`,
    /// `filters` and `loggerKey` as for ``init(level:filters:loggerKey:_:)``.
    public convenience init(
        level: LogLevel = .trace,
        filters: [LogFilter] = [],
        loggerKey: String? = nil,
        handler: any LogHandler
    ) {
        self.init(level: level, filters: filters, loggerKey: loggerKey) { _ in handler }
    }

    /// Passes `record` to the handler for its logger, on the calling task.
    public func write(_ record: LogRecord) {
        let handler = handler(for: record.logger)
        let level = Logger.Level(record.level)
        guard level >= handler.logLevel else { return }
        handler.log(event: Self.event(for: record, level: level, loggerKey: loggerKey))
    }

    /// The swift-log event for `record`, with the logger name under `loggerKey` if set.
    package static func event(for record: LogRecord, level: Logger.Level, loggerKey: String?) -> LogEvent {
        var metadata: Logger.Metadata = [:]
        record.forEachField { key, value in metadata[key] = Logger.MetadataValue(value.logValue) }
        if let loggerKey, metadata[loggerKey] == nil { metadata[loggerKey] = .string(record.logger) }
        return LogEvent(
            level: level, message: Logger.Message(stringLiteral: record.message), error: record.error,
            metadata: metadata.isEmpty ? nil : metadata, source: record.logger, file: record.file,
            function: record.function, line: record.line)
    }

    /// The handler for `name`, made on first use. The factory runs outside the lock, so a
    /// factory that logs cannot deadlock; if two threads race, the first stored handler wins.
    private func handler(for name: String) -> any LogHandler {
        if let handler = handlers.withLock({ $0[name] }) { return handler }
        let made = makeHandler(name)
        return handlers.withLock { handlers in
            if let existing = handlers[name] { return existing }
            handlers[name] = made
            return made
        }
    }
}
#endif
