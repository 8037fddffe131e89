/// What ``Log/bootstrap(_:file:line:)-(LogConfiguration,_,_)`` applies: the root's level, sinks and
/// sampling, per-logger levels, and process-wide options.
///
/// ```swift
/// var configuration = LogConfiguration(level: .info, sinks: [StreamSink(.standardOutput)])
/// configuration.loggerLevels = ["payments": .debug, "chatty.dependency": .warning]
/// try Log.bootstrap(configuration)
/// ```
public struct LogConfiguration: Sendable {
    /// The root logger's level, which every logger without its own level inherits.
    public var level: LogLevel
    /// The sinks attached to the root logger.
    public var sinks: [any LogSink]
    /// Levels for individual loggers, by dotted name. Names must be valid (see
    /// ``Log/init(validating:)``).
    public var loggerLevels: [String: LogLevel]
    /// Whether to ignore `SIGPIPE` process-wide, so writing to a closed pipe fails instead of
    /// killing the process; off by default (the Production guide says why).
    public var ignoresBrokenPipe: Bool
    /// The root logger's sampling policy (``Log/sampling``), inherited like ``level``;
    /// `nil` (the default) samples nothing.
    public var sampling: LogSampling?
    /// Which field values are written as `"[REDACTED]"`: ``LogRedaction/default`` unless set.
    public var redaction: LogRedaction
    /// How long the sinks may take to drain at normal exit (return from `main`, `exit()`),
    /// and the default of ``LogSetup/shutdown(timeout:)``; 5 seconds unless set. Records still
    /// queued when it passes are counted (``AsyncSink/droppedAtShutdownCount``).
    public var shutdownTimeout: Duration
    /// Providers called for each enabled record, on the logging task (see ``LogFieldProvider``).
    public var fieldProviders: [LogFieldProvider]

    @usableFromInline
    static let defaultShutdownTimeout: Duration = .seconds(5)

    /// Creates a configuration.
    public init(
        level: LogLevel = .info,
        sinks: [any LogSink] = [],
        loggerLevels: [String: LogLevel] = [:],
        ignoresBrokenPipe: Bool = false,
        sampling: LogSampling? = nil,
        redaction: LogRedaction = .default,
        shutdownTimeout: Duration = LogConfiguration.defaultShutdownTimeout,
        fieldProviders: [LogFieldProvider] = []
    ) {
        self.level = level
        self.sinks = sinks
        self.loggerLevels = loggerLevels
        self.ignoresBrokenPipe = ignoresBrokenPipe
        self.sampling = sampling
        self.redaction = redaction
        self.shutdownTimeout = max(.zero, shutdownTimeout)
        self.fieldProviders = fieldProviders
    }
}
