#if SwiftLogBridge
public import Logbook
import Logging

extension LogFieldProvider {
    /// The metadata of swift-log's task-local logger (`Logger.current`, bound with
    /// swift-log's `withLogger`), such as Hummingbird's `hb.request.id`, as fields of every
    /// ``Log`` record created in its scope; nothing outside every `withLogger` scope. Register
    /// it at bootstrap, `fieldProviders: [.swiftLogMetadata]`, and bootstrap swift-log before
    /// the first record. The OpenTelemetry guide says what it reads, when, and how it ranks.
    public static var swiftLogMetadata: LogFieldProvider {
        LogFieldProvider(name: "swiftLogMetadata") {
            let logger = Logger.current
            // Outside every `withLogger` scope: swift-log's default logger, with an empty label.
            if logger.label.isEmpty { return LogFields() }
            return LogFields(logger.handler.metadata.sortedEntries)
        }
    }
}
#endif
