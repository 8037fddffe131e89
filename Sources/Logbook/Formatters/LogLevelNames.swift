/// The text a formatter writes for each level.
///
/// ```swift
/// let names = LogLevelNames.uppercase
/// names[.warning]   // "WARNING"
/// ```
public struct LogLevelNames: Sendable, Hashable {
    private var names: [String]

    /// Names each level explicitly.
    public init(
        trace: String, debug: String, info: String, notice: String,
        warning: String, error: String, critical: String
    ) {
        names = [trace, debug, info, notice, warning, error, critical]
    }

    /// Names in level order, trace first.
    private init(_ names: String...) {
        self.names = names
    }

    /// The text for `level`.
    public subscript(level: LogLevel) -> String {
        get { names[Int(level.rawValue)] }
        set { names[Int(level.rawValue)] = newValue }
    }

    /// `trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`.
    public static let lowercase = LogLevelNames("trace", "debug", "info", "notice", "warning", "error", "critical")

    /// `TRACE`, `DEBUG`, `INFO`, `NOTICE`, `WARNING`, `ERROR`, `CRITICAL`.
    public static let uppercase = LogLevelNames("TRACE", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL")

    /// The names AWS Lambda's log-level filter recognises (`AWS_LAMBDA_LOG_FORMAT=JSON`):
    /// `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR`, `FATAL`; ``LogLevel/notice`` is written
    /// as `INFO` and ``LogLevel/critical`` as `FATAL`, which Lambda filters as those levels.
    public static let lambda = LogLevelNames("TRACE", "DEBUG", "INFO", "INFO", "WARN", "ERROR", "FATAL")

    /// Google Cloud Logging's `LogSeverity` names: `DEBUG`, `INFO`, `NOTICE`, `WARNING`,
    /// `ERROR`, `CRITICAL`; ``LogLevel/trace`` is written as `DEBUG`.
    public static let googleCloudSeverity = LogLevelNames(
        "DEBUG", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL")
}
