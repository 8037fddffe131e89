extension Log {
    /// Configures the process's logging once: the root's level and sinks.
    ///
    /// Until then the root has no sink (see ``lastResort``).
    ///
    /// ```swift
    /// try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])
    /// ```
    ///
    /// - Throws: ``LogBootstrapError/alreadyBootstrapped(firstCall:)`` on a second call.
    @discardableResult
    public static func bootstrap(
        level: LogLevel = .info,
        sinks: [any LogSink],
        ignoreBrokenPipe: Bool = false,
        fieldProviders: [LogFieldProvider] = [],
        file: String = #fileID,
        line: UInt = #line
    ) throws(LogBootstrapError) -> LogSetup {
        try bootstrap(
            LogConfiguration(
                level: level, sinks: sinks, ignoresBrokenPipe: ignoreBrokenPipe, fieldProviders: fieldProviders),
            file: file, line: line)
    }

    /// Configures the process's logging once from a ``LogConfiguration``.
    ///
    /// Other threads logging meanwhile see the old or the new configuration, never a mix.
    ///
    /// - Throws: ``LogBootstrapError/alreadyBootstrapped(firstCall:)`` on a second call;
    ///   ``LogBootstrapError/invalidLoggerName(_:)`` for a bad name in
    ///   ``LogConfiguration/loggerLevels``.
    @discardableResult
    public static func bootstrap(
        _ configuration: LogConfiguration,
        file: String = #fileID,
        line: UInt = #line
    ) throws(LogBootstrapError) -> LogSetup {
        try LogHierarchy.shared.bootstrap(configuration, file: file, line: line)
    }

    /// Configures the process's logging once from environment variables (see
    /// ``LogEnvironment`` for which, and their precedence). The returned ``LogSetup`` says
    /// what was chosen and why (``LogSetup/choices``):
    ///
    /// ```swift
    /// print(try Log.bootstrap(.environment))
    /// // level=info sinks=[standard output (JSONFormatter)] redaction=[default keys, sensitive values hidden]
    /// //   chosen=[format=json (default: output is not a terminal), ...]
    /// ```
    ///
    /// - Throws: ``LogBootstrapError/invalidEnvironment(_:)`` for a value not accepted;
    ///   ``LogBootstrapError/alreadyBootstrapped(firstCall:)`` on a second call.
    @discardableResult
    public static func bootstrap(
        _ environment: LogEnvironment,
        file: String = #fileID,
        line: UInt = #line
    ) throws(LogBootstrapError) -> LogSetup {
        try LogHierarchy.shared.bootstrap(environment, file: file, line: line)
    }
}
