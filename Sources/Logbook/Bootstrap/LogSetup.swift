/// What ``Log/bootstrap(level:sinks:ignoreBrokenPipe:fieldProviders:file:line:)`` or one of its overloads
/// set up, to print it and to flush or drain the sinks.
public struct LogSetup: Sendable, CustomStringConvertible {
    /// The root level.
    public let level: LogLevel
    /// The sinks attached to the root.
    public let sinks: [any LogSink]
    /// Levels set on individual loggers, by name.
    public let loggerLevels: [String: LogLevel]
    /// Whether `SIGPIPE` is ignored.
    public let ignoresBrokenPipe: Bool
    /// The root's sampling policy, if any.
    public let sampling: LogSampling?
    let hierarchy: LogHierarchy
    /// The redaction rules installed (see ``LogConfiguration/redaction``).
    public let redaction: LogRedaction
    /// The default of ``shutdown(timeout:)``; see ``LogConfiguration/shutdownTimeout``.
    public let shutdownTimeout: Duration
    /// The providers called for each enabled record; see ``LogConfiguration/fieldProviders``.
    public let fieldProviders: [LogFieldProvider]
    /// What bootstrap chose from the environment and why, one entry per setting; empty for
    /// a bootstrap configured in code.
    public internal(set) var choices: [Choice] = []

    /// Blocks until every root sink has written what it accepted.
    public func flush() {
        for sink in sinks { sink.flush() }
    }

    /// Writes the sampling summaries not reported yet (see ``LogSampling``), then drains and
    /// stops every sink of every logger as configured now (see ``LogSink/shutdown(timeout:)``),
    /// sharing one `timeout` (``shutdownTimeout`` when `nil`). Returns whether every sink
    /// wrote everything it had accepted in time.
    ///
    /// Bootstrap arranges the same drain at normal exit (return from `main`, `exit()`): call
    /// it to drain earlier (before a signal handler ends the process) or to learn whether
    /// everything was written. A second call, or the one at exit, does nothing harmful;
    /// records logged later are still written directly or counted, never a crash.
    ///
    /// ```swift
    /// let setup = try Log.bootstrap(level: .info, sinks: [AsyncSink(try FileSink(path: "app.log"))])
    /// defer { setup.shutdown() }
    /// ```
    @discardableResult
    public func shutdown(timeout: Duration? = nil) -> Bool {
        LogShutdown.run(hierarchy, timeout: timeout ?? shutdownTimeout)
    }

    /// One line with every setting but ``shutdownTimeout`` (field providers by name) and the ``choices``.
    public var description: String {
        var text = "level=\(level) sinks=[" + sinks.map(Self.describe).joined(separator: ", ") + "]"
        if !loggerLevels.isEmpty {
            let listed = loggerLevels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            text += " loggers=[" + listed.joined(separator: ", ") + "]"
        }
        if ignoresBrokenPipe { text += " sigpipe=ignored" }
        if let sampling { text += " sampling=\(sampling)" }
        text += " redaction=[\(redaction)]"
        if !fieldProviders.isEmpty {
            text += " providers=[" + fieldProviders.map(\.name).joined(separator: ", ") + "]"
        }
        if !choices.isEmpty {
            text += " chosen=[" + choices.map(\.description).joined(separator: ", ") + "]"
        }
        return text
    }

    private static func describe(_ sink: any LogSink) -> String {
        var text = String(describing: sink)
        if let stream = sink as? StreamSink {
            text += " (\(type(of: stream.formatter)))"
        }
        if sink.level > .trace { text += " level>=\(sink.level)" }
        return text
    }

    /// ``shutdown(timeout:)`` on a thread of its own (a drain blocks), awaited without
    /// blocking the cooperative pool; inline when no thread can be started.
    package func shutdownOffThePool(timeout: Duration? = nil) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let started = BackgroundThread.start { continuation.resume(returning: shutdown(timeout: timeout)) }
            if !started { continuation.resume(returning: shutdown(timeout: timeout)) }
        }
    }

    /// One setting bootstrap chose from the environment, and what decided it.
    ///
    /// ```text
    /// format=lambda-json (AWS_LAMBDA_LOG_FORMAT=JSON; LOG_FORMAT=json not used: Lambda's variable wins)
    /// ```
    public struct Choice: Sendable, Hashable, CustomStringConvertible {
        /// The setting: `platform`, `format`, `level`, `loggers`, `sampling`, `output`,
        /// `redaction` or `shutdown timeout`.
        public let setting: String
        /// What was chosen, e.g. `lambda-json`.
        public let value: String
        /// What decided it, e.g. `AWS_LAMBDA_LOG_FORMAT=JSON`, `default`, `code`.
        public let source: String

        /// `setting=value (source)`.
        public var description: String { "\(setting)=\(value) (\(source))" }
    }
}
