#if SwiftLogBridge
import Logbook
public import Logging

extension Logger.MetadataProvider {
    /// A metadata provider that gives plain swift-log handlers the fields of the current
    /// task's ``LogContext``, so `request_id` bound by Logbook middleware also tags the
    /// output of, for example, `StreamLogHandler`:
    ///
    /// ```swift
    /// LoggingSystem.bootstrap(StreamLogHandler.standardOutput, metadataProvider: .logContext)
    /// ```
    ///
    /// Values convert with ``Logging/Logger/MetadataValue/init(_:)``, redacted by the
    /// installed ``LogRedaction`` rules as Logbook's own formatters redact them. The bridge,
    /// ``LogbookLogHandler``, does not need it: its records carry the context already.
    public static let logContext = Logger.MetadataProvider {
        let context = LogContext.current
        if context.isEmpty { return [:] }
        var metadata: Logger.Metadata = [:]
        context.forEachField { key, value in
            metadata[key] = Logger.MetadataValue(LogRedaction.redactedValue(key: key, value))
        }
        return metadata
    }
}
#endif
