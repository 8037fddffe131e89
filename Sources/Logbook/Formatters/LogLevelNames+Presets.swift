extension LogLevelNames {
    /// The names AWS Lambda's log-level filter recognises (`AWS_LAMBDA_LOG_FORMAT=JSON`):
    /// `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR`, `FATAL`. Lambda has no `NOTICE` or
    /// `CRITICAL`: ``LogLevel/notice`` is written as `INFO` and ``LogLevel/critical`` as
    /// `FATAL`, so Lambda filters them as those levels. (Lambda treats a level it does
    /// not recognise as `INFO`.)
    public static let lambda = LogLevelNames(
        trace: "TRACE", debug: "DEBUG", info: "INFO", notice: "INFO",
        warning: "WARN", error: "ERROR", critical: "FATAL")

    /// Google Cloud Logging's `LogSeverity` names: `DEBUG`, `INFO`, `NOTICE`, `WARNING`,
    /// `ERROR`, `CRITICAL`. Cloud Logging has no trace severity: ``LogLevel/trace`` is
    /// written as `DEBUG`.
    public static let googleCloudSeverity = LogLevelNames(
        trace: "DEBUG", debug: "DEBUG", info: "INFO", notice: "NOTICE",
        warning: "WARNING", error: "ERROR", critical: "CRITICAL")
}
