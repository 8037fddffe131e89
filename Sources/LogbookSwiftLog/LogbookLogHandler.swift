#if SwiftLogBridge
package import Logbook
public import Logging

/// A swift-log `LogHandler` that routes records into the Logbook hierarchy, so libraries
/// that log through swift-log's `Logger` (Hummingbird, Vapor, AsyncHTTPClient, SwiftNIO)
/// reach the same sinks, formats and task-local context as code that uses ``Log``; installed
/// by ``Logbook/LogSetup/bridgingSwiftLog(metadataProvider:file:line:)``.
///
/// The `Logger` label names the Logbook logger (`com.example.db` the dotted node), normalized
/// like ``Log/init(_:)``; the hierarchy decides what is enabled (see ``logLevel``). How
/// levels, metadata, the error, the call site and the context map is in the swift-log
/// bridge guide.
public struct LogbookLogHandler: LogHandler {
    private let logger: Log
    private var boundLogger: Log
    private var minimumLevel: Logger.Level = .trace

    /// The metadata added to every record of this `Logger` value.
    public var metadata: Logger.Metadata = [:] {
        didSet { boundLogger = logger.with(LogFields(metadata.sortedEntries)) }
    }

    /// The metadata provider asked for fields on every record, on the logging task.
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler for the logger named `label` in the process-wide hierarchy.
    public init(label: String) {
        self.init(label: label, metadataProvider: nil)
    }

    /// A handler for the logger named `label` in the process-wide hierarchy, asking
    /// `metadataProvider` for fields on every record: the shape that
    /// `LoggingSystem.bootstrap(_:metadataProvider:)` takes.
    public init(label: String, metadataProvider: Logger.MetadataProvider?) {
        self.init(label: label, hierarchy: .shared, metadataProvider: metadataProvider)
    }

    package init(label: String, hierarchy: LogHierarchy, metadataProvider: Logger.MetadataProvider? = nil) {
        logger = hierarchy.logger(label)
        boundLogger = logger
        self.metadataProvider = metadataProvider
    }

    /// The lowest level that is logged: the lowest the Logbook logger delivers anywhere, read
    /// on every call, raised to what was set on this value (see the swift-log bridge guide).
    public var logLevel: Logger.Level {
        get {
            let enabled = logger.lowestEnabledLevel.map(Logger.Level.init) ?? .critical
            return max(enabled, minimumLevel)
        }
        set { minimumLevel = newValue }
    }

    /// The metadata value for `key` on this `Logger` value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Creates a Logbook record from `event` and delivers it through the hierarchy.
    public func log(event: LogEvent) {
        guard event.level >= minimumLevel else { return }
        // The fields are an autoclosure: the provider runs only for a record that is made.
        boundLogger.log(
            level: LogLevel(event.level), event.message.description,
            LogFields(provided: Self.provide(metadataProvider), callSite: event.metadata), error: event.error,
            file: event.file, function: event.function, line: event.line)
    }

    /// `nil` while a provider already runs on this task.
    private static func provide(_ provider: Logger.MetadataProvider?) -> Logger.Metadata? {
        guard let provider, !isProviding else { return nil }
        return $isProviding.withValue(true) { provider.get() }
    }

    @TaskLocal private static var isProviding = false
}

extension LogFields {
    /// A provider's metadata then the call site's, in one layer where the later key wins.
    init(provided: Logger.Metadata?, callSite: Logger.Metadata?) {
        let provided = provided?.sortedEntries ?? []
        let callSite = callSite?.sortedEntries ?? []
        self.init(callSite.isEmpty ? provided : provided.isEmpty ? callSite : provided + callSite)
    }
}
#endif
