#if SwiftLogBridge
public import Logbook
import Logging

extension LogFieldProvider {
    /// The metadata of swift-log's task-local logger (`Logger.current`, bound with
    /// swift-log's `withLogger`), as fields of every ``Log`` record created in its scope.
    ///
    /// Frameworks bind request metadata there: Hummingbird runs every request inside
    /// `withLogger` with `hb.request.id` set, so with this provider a record logged through
    /// ``Log`` while handling the request carries `hb.request.id` too, like Hummingbird's own
    /// records.
    ///
    /// ```swift
    /// try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput)], fieldProviders: [.swiftLogMetadata])
    ///     .bridgingSwiftLog()
    /// ```
    ///
    /// It is a field provider, so its fields rank lowest: a call-site field, a field bound
    /// with ``Log/with(_:)`` or a ``LogContext`` field of the same name wins. It reads the
    /// logger's handler `metadata` once per enabled record, on the logging task; a metadata
    /// provider of that handler is not asked (swift-log asks it when that `Logger` logs).
    /// Outside every `withLogger` scope `Logger.current` is swift-log's unbound default
    /// logger, whose label is empty: it adds no field then.
    ///
    /// Bootstrap swift-log (for example with
    /// ``LogSetup/bridgingSwiftLog(metadataProvider:file:line:)``) before the first record:
    /// the first read of `Logger.current` makes swift-log's default logger with the factory
    /// in place at that moment.
    public static var swiftLogMetadata: LogFieldProvider {
        LogFieldProvider(name: "swiftLogMetadata") {
            let logger = Logger.current
            if logger.label.isEmpty { return LogFields() }
            let metadata = logger.handler.metadata
            if metadata.isEmpty { return LogFields() }
            return LogFields(metadata: metadata)
        }
    }
}
#endif
