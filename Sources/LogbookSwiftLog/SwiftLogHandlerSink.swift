#if SwiftLogBridge
public import Logbook
public import Logging

/// A sink that hands every Logbook record to a swift-log `LogHandler`, such as
/// swift-otel's OTLP logging backend, so Logbook records reach an OpenTelemetry collector.
///
/// ```swift
/// let otelLogs = try OTel.makeLoggingBackend()   // does not bootstrap swift-log
/// try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput), SwiftLogHandlerSink(otelLogs.factory)])
///     .bridgingSwiftLog()
/// ```
///
/// The handler's `log(event:)` is called directly on the logging task, never through a
/// swift-log `Logger` (so not back through the bridge), and sees task-local values such as
/// the current span: do not wrap this sink in an ``AsyncSink``. The handler's own `metadata`
/// and `metadataProvider` are its business (swift-otel's adds its `metadata` only); see the
/// OpenTelemetry guide.
public final class SwiftLogHandlerSink: LogSink {
    /// The lowest level passed to the handler.
    public let level: LogLevel
    /// Filters a record must pass.
    public let filters: [LogFilter]
    private let loggerKey: String?
    private let makeHandler: @Sendable (String) -> any LogHandler
    private let handlers = LockedState<[String: any LogHandler]>([:])

    /// A sink that asks `factory` (shaped like `LoggingSystem.bootstrap`'s argument and
    /// swift-otel's `OTel.makeLoggingBackend().factory`) for one handler per logger name,
    /// kept, with the name as the label. With `loggerKey`, the name is also added to the
    /// metadata under that key (unless a field has it), for handlers that drop the label and
    /// `source`, as swift-otel's does.
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
        var metadata: Logger.Metadata = [:]
        record.forEachField { key, value in
            metadata[key] = withUnsafePointer(to: value) { Logger.MetadataValue(.written($0)) }
        }
        if let loggerKey, metadata[loggerKey] == nil { metadata[loggerKey] = .string(record.logger) }
        handler.log(
            event: LogEvent(
                level: level, message: Logger.Message(stringLiteral: record.message), error: record.error,
                metadata: metadata.isEmpty ? nil : metadata, source: record.logger, file: record.file,
                function: record.function, line: record.line))
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
