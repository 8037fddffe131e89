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

    /// The text for `level`.
    public subscript(level: LogLevel) -> String {
        get { names[Int(level.rawValue)] }
        set { names[Int(level.rawValue)] = newValue }
    }

    /// `trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`.
    public static let lowercase = LogLevelNames(
        trace: "trace", debug: "debug", info: "info", notice: "notice",
        warning: "warning", error: "error", critical: "critical")

    /// `TRACE`, `DEBUG`, `INFO`, `NOTICE`, `WARNING`, `ERROR`, `CRITICAL`.
    public static let uppercase = LogLevelNames(
        trace: "TRACE", debug: "DEBUG", info: "INFO", notice: "NOTICE",
        warning: "WARNING", error: "ERROR", critical: "CRITICAL")
}
