extension Log {
    /// Configures the process's logging once from environment variables: `LOG_LEVEL`,
    /// `LOG_LEVELS`, `LOG_FORMAT`, and on AWS Lambda `AWS_LAMBDA_LOG_FORMAT` and
    /// `AWS_LAMBDA_LOG_LEVEL`. See ``LogEnvironment`` for the rules and precedence.
    ///
    /// ```swift
    /// let setup = try Log.bootstrap(.environment)
    /// print(setup)
    /// // level=info sinks=[standard output (JSONFormatter)] chosen=[format=json (default: output is not a terminal), ...]
    /// ```
    ///
    /// The returned ``LogSetup`` lists what was chosen and what decided it
    /// (``LogSetup/choices``). Every variable is checked before anything is applied.
    ///
    /// - Throws: ``LogBootstrapError/invalidEnvironment(_:)`` naming the variable, its
    ///   value and what is accepted; ``LogBootstrapError/alreadyBootstrapped(firstCall:)``
    ///   on a second call. Nothing is applied when it throws.
    @discardableResult
    public static func bootstrap(
        _ environment: LogEnvironment,
        file: String = #fileID,
        line: UInt = #line
    ) throws(LogBootstrapError) -> LogSetup {
        try LogHierarchy.shared.bootstrap(environment, file: file, line: line)
    }
}
