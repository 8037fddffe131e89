/// The output formats ``Log/bootstrap(_:file:line:)-(LogEnvironment,_,_)`` can choose,
/// by the names `LOG_FORMAT` accepts.
public enum LogFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// JSON lines, ``JSONFormatter`` (or the one configured in ``LogEnvironment/jsonFormatter``).
    case json
    /// logfmt, ``LogfmtFormatter``.
    case logfmt
    /// Human-readable lines, ``ConsoleFormatter``.
    case console
    /// Lambda's text format, ``LambdaTextFormatter``.
    case lambdaText = "lambda-text"
    /// Lambda's JSON format, ``LambdaJSONFormatter``.
    case lambdaJSON = "lambda-json"

    /// The name `LOG_FORMAT` uses, e.g. `lambda-json`.
    public var description: String { rawValue }
}
