#if SwiftLogBridge
import Logbook
public import Logging

extension Logger.MetadataProvider {
    /// A metadata provider that gives plain swift-log handlers the fields of the current
    /// task's ``LogContext``, redacted by the installed ``LogRedaction`` rules, numbers,
    /// booleans and `null` as `.stringConvertible` so their type survives a trip back into Logbook:
    /// `LoggingSystem.bootstrap(StreamLogHandler.standardOutput, metadataProvider: .logContext)`.
    /// The bridge's records carry the context without it.
    public static let logContext = Logger.MetadataProvider {
        var metadata: Logger.Metadata = [:]
        LogContext.current.forEachField(redacted: true) { key, value in
            metadata[key] = withUnsafePointer(to: value) { Logger.MetadataValue(.written($0)) }
        }
        return metadata
    }
}
#endif
