/// Why ``Log/bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)`` or one of its overloads
/// refused a configuration. Nothing is applied when it throws.
public enum LogBootstrapError: Error, Sendable, CustomStringConvertible {
    /// Bootstrap already ran in this process, at `firstCall` (`File.swift:42`). Change the
    /// setup later on loggers (``Log/level``, ``Log/addSink(_:)``).
    case alreadyBootstrapped(firstCall: String)
    /// A name in ``LogConfiguration/loggerLevels`` is not a valid logger name.
    case invalidLoggerName(LogNameError)
    /// An environment variable read by ``LogEnvironment`` has a value that is not accepted.
    case invalidEnvironment(LogEnvironmentError)

    /// A message saying what was wrong and what to do.
    public var description: String {
        switch self {
        case .alreadyBootstrapped(let firstCall):
            "Log.bootstrap was already called (first at \(firstCall)); it configures output once per process. "
                + "Change levels and sinks on Log values instead."
        case .invalidLoggerName(let error):
            "Log.bootstrap: \(error)"
        case .invalidEnvironment(let error):
            "Log.bootstrap(.environment): \(error). Nothing was applied."
        }
    }
}
