#if SwiftLogBridge
package import Logbook
public import Logging

/// A swift-log `LogHandler` that routes records into the Logbook hierarchy, so libraries
/// that log through swift-log's `Logger` (Hummingbird, Vapor, AsyncHTTPClient, SwiftNIO)
/// reach the same sinks, formats and task-local context as code that uses ``Log``.
///
/// Install it once, at startup, before anything creates a swift-log `Logger`:
///
/// ```swift
/// try Log.bootstrap(.environment).bridgingSwiftLog()
/// ```
///
/// What maps to what:
/// - The `Logger` label is the Logbook logger name: `Hummingbird` is `Log("Hummingbird")`,
///   `com.example.db` the dotted node `com.example.db`, normalized like ``Log/init(_:)``.
/// - Levels map one to one. The hierarchy decides what is enabled: the `logLevel` this
///   handler reports is read from the Logbook logger on every call (one atomic load), so
///   `Log("Hummingbird").level = .warning` quiets Hummingbird immediately, and swift-log
///   never builds a message the hierarchy would drop. Setting `logLevel` on a swift-log
///   `Logger` can only quiet that `Logger` value further, never enable a level the
///   hierarchy disables.
/// - Metadata becomes fields, typed where the value allows it: `.stringConvertible` of
///   an `Int`, `Double`, `Bool` or any ``LogValueConvertible`` keeps its type,
///   dictionaries become objects (keys sorted) and arrays arrays; everything else is its
///   description. The `Logger`'s own metadata is bound like ``Log/with(_:)``; a metadata
///   provider's ranks above it and the call site's above both, as in swift-log.
/// - The record's error, file, function and line are the call's; the task-local
///   ``LogContext`` is read on the logging task, as for native records.
public struct LogbookLogHandler: LogHandler {
    /// The Logbook logger for the label, without fields.
    private let logger: Log
    /// The same logger with ``metadata`` bound.
    private var boundLogger: Log
    /// The lowest level this value lets through, set through ``logLevel``.
    private var minimumLevel: Logger.Level = .trace

    /// The metadata added to every record of this `Logger` value.
    public var metadata: Logger.Metadata = [:] {
        didSet { boundLogger = logger.with(LogFields(metadata: metadata)) }
    }

    /// The metadata provider asked for fields on every record, on the logging task.
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler for the logger named `label` in the process-wide hierarchy.
    public init(label: String) {
        self.init(label: label, metadataProvider: nil)
    }

    /// A handler for the logger named `label` in the process-wide hierarchy, asking
    /// `metadataProvider` for fields on every record.
    ///
    /// Its shape fits `LoggingSystem.bootstrap(_:metadataProvider:)`, which hands every
    /// handler the provider it was given.
    public init(label: String, metadataProvider: Logger.MetadataProvider?) {
        self.init(label: label, hierarchy: .shared, metadataProvider: metadataProvider)
    }

    /// A handler for the logger named `label` in `hierarchy`.
    package init(label: String, hierarchy: LogHierarchy, metadataProvider: Logger.MetadataProvider? = nil) {
        logger = hierarchy.logger(label)
        boundLogger = logger
        self.metadataProvider = metadataProvider
    }

    /// The lowest level that is logged: the lowest the Logbook logger delivers anywhere,
    /// raised to what was set on this value. Setting it can only quiet this `Logger`
    /// value; the hierarchy's levels stay authoritative.
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
    ///
    /// A record logged while the metadata provider runs (the provider logs through a
    /// `Logger` that has it, say) does not ask the provider again: that would recurse
    /// without end.
    public func log(event: LogEvent) {
        guard event.level >= minimumLevel else { return }
        // The fields are an autoclosure: the provider runs only for a record that is made
        // (not for one sampling drops).
        boundLogger.log(
            level: LogLevel(event.level), event.message.description,
            LogFields(provided: Self.provide(metadataProvider), callSite: event.metadata), error: event.error,
            file: event.file, function: event.function, line: event.line)
    }

    /// The metadata `provider` gives, or `nil` while a provider already runs on this task.
    private static func provide(_ provider: Logger.MetadataProvider?) -> Logger.Metadata? {
        guard let provider, !isProviding else { return nil }
        return $isProviding.withValue(true) { provider.get() }
    }

    /// Whether a handler's metadata provider is running on this task.
    @TaskLocal private static var isProviding = false
}

extension LogFields {
    /// Fields from swift-log metadata, keys sorted so output is stable.
    init(metadata: Logger.Metadata) {
        self.init(Self.entries(metadata))
    }

    /// A provider's metadata then the call site's, in one layer where the later key wins.
    init(provided: Logger.Metadata?, callSite: Logger.Metadata?) {
        let provided = Self.entries(provided ?? [:])
        let callSite = Self.entries(callSite ?? [:])
        self.init(callSite.isEmpty ? provided : provided.isEmpty ? callSite : provided + callSite)
    }

    private static func entries(_ metadata: Logger.Metadata) -> [(String, any LogValueConvertible)] {
        if metadata.isEmpty { return [] }
        var entries = metadata.map { ($0.key, $0.value as any LogValueConvertible) }
        entries.sort { $0.0 < $1.0 }
        return entries
    }
}
#endif
