/// Logging configured from environment variables, the way AWS Lambda's runtimes
/// configure theirs, with defaults and overrides set in code.
///
/// ```swift
/// try Log.bootstrap(.environment)
/// try Log.bootstrap(.environment { $0.jsonFormatter = .datadog(service: "checkout") })
/// ```
///
/// It reads `LOG_LEVEL`, `LOG_LEVELS`, `LOG_FORMAT`, `LOG_SAMPLING`, `LOG_REDACT_KEYS` and
/// `LOG_SHUTDOWN_TIMEOUT`, and on Lambda `AWS_LAMBDA_LOG_FORMAT` and `AWS_LAMBDA_LOG_LEVEL`,
/// which win over `LOG_FORMAT` and `LOG_LEVEL`. The repository's `Documentation/Lambda.md`
/// (summarized in <doc:Lambda>) lists the values each variable accepts (an empty one is
/// unset) and the precedence of every setting.
public struct LogEnvironment: Sendable {
    /// The variables read; ``environment`` holds the process's.
    public var variables: [String: String]
    var outputIsTerminal: Bool?

    /// The root level when no variable sets one. Default ``LogLevel/info``.
    public var defaultLevel: LogLevel = .info
    /// The format when no variable sets one; `nil` leaves the choice to the platform
    /// (`lambda-text` on Lambda) and the terminal (`console` on a terminal, else `json`).
    public var defaultFormat: LogFormat?
    /// A root level that wins over every variable.
    public var level: LogLevel?
    /// A format that wins over every variable.
    public var format: LogFormat?
    /// Per-logger levels that win over `LOG_LEVELS` for the same logger.
    public var loggerLevels: [String: LogLevel] = [:]
    /// A shutdown timeout that wins over `LOG_SHUTDOWN_TIMEOUT`.
    public var shutdownTimeout: Duration?

    /// The formatter used for `json`; set a preset or static fields here.
    public var jsonFormatter = JSONFormatter()
    /// The formatter used for `logfmt`.
    public var logfmtFormatter = LogfmtFormatter()
    /// The formatter used for `console`.
    public var consoleFormatter = ConsoleFormatter()
    /// The formatter used for `lambda-text`.
    public var lambdaTextFormatter = LambdaTextFormatter()
    /// The formatter used for `lambda-json`.
    public var lambdaJSONFormatter = LambdaJSONFormatter()
    /// Whether to add ``LambdaFunction/fields`` (function name, memory size, version) to the
    /// `json`, `lambda-text` and `lambda-json` formatters' static fields. Off by default.
    public var includesLambdaFunctionFields = false

    /// The redaction rules, to which `LOG_REDACT_KEYS` adds keys. Default ``LogRedaction/default``.
    public var redaction: LogRedaction = .default

    /// Where records go. Default standard output, which Lambda sends to CloudWatch.
    public var output: StreamSink.Output = .standardOutput
    /// See ``LogConfiguration/ignoresBrokenPipe``. Off by default.
    public var ignoresBrokenPipe = false
    /// Providers called for each enabled record; see ``LogConfiguration/fieldProviders``.
    public var fieldProviders: [LogFieldProvider] = []

    static let variableNames = [
        "LOG_LEVEL", "LOG_LEVELS", "LOG_FORMAT", "LOG_SAMPLING", "AWS_LAMBDA_LOG_FORMAT", "AWS_LAMBDA_LOG_LEVEL",
        "LOG_REDACT_KEYS", LambdaFunction.nameVariable, "AWS_LAMBDA_RUNTIME_API", LambdaFunction.memorySizeVariable,
        LambdaFunction.versionVariable, "LOG_SHUTDOWN_TIMEOUT",
    ]

    /// Configuration read from `variables` instead of the process environment, as tests do:
    /// `LogEnvironment(variables: ["LOG_LEVEL": "debug"])`. `outputIsTerminal` says whether the
    /// output is a terminal, for the default format; `nil` asks the system.
    public init(variables: [String: String], outputIsTerminal: Bool? = nil) {
        self.variables = variables
        self.outputIsTerminal = outputIsTerminal
    }

    /// Configuration read from the process environment.
    public static var environment: LogEnvironment {
        LogEnvironment(variables: System.environment(variableNames))
    }

    /// Configuration read from the process environment, with defaults and overrides set by
    /// `configure`, such as `.environment { $0.defaultLevel = .debug }`.
    public static func environment(_ configure: (inout LogEnvironment) -> Void) -> LogEnvironment {
        var environment = LogEnvironment.environment
        configure(&environment)
        return environment
    }

    func value(of name: String) -> String? {
        let trimmed = variables[name]?.trimmingSpaces() ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }
}
