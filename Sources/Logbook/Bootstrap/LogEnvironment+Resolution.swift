extension LogEnvironment {
    /// The configuration the variables and the settings in code describe, and what
    /// decided each part of it.
    public struct Resolution: Sendable {
        /// What bootstrap applies.
        public let configuration: LogConfiguration
        /// The chosen format.
        public let format: LogFormat
        /// Each setting with what decided it, for ``LogSetup/choices``.
        public let choices: [LogSetup.Choice]
    }

    /// Reads and checks every variable, then decides format, level and per-logger levels.
    ///
    /// - Throws: ``LogEnvironmentError`` for the first variable, in ``variableNames``
    ///   order, whose value is not accepted.
    public func resolve() throws(LogEnvironmentError) -> Resolution {
        let logLevel = try parseLevel("LOG_LEVEL")
        let logLevels = try parseLoggerLevels("LOG_LEVELS")
        let logFormat = try parseFormat("LOG_FORMAT")
        let lambdaFormat = try parseLambdaFormat("AWS_LAMBDA_LOG_FORMAT")
        let lambdaLevel = try parseLevel("AWS_LAMBDA_LOG_LEVEL")
        let shutdownVariable = try parseDuration("LOG_SHUTDOWN_TIMEOUT")
        let onLambda = isLambda
        var choices: [LogSetup.Choice] = []

        if onLambda {
            let marker = value(of: LambdaFunction.nameVariable).map { "\(LambdaFunction.nameVariable)=\($0)" }
            choices.append(
                LogSetup.Choice(
                    setting: "platform", value: "AWS Lambda",
                    source: marker ?? "AWS_LAMBDA_RUNTIME_API=\(value(of: "AWS_LAMBDA_RUNTIME_API") ?? "")"))
        }

        let format = chooseFormat(onLambda: onLambda, logFormat: logFormat, lambdaFormat: lambdaFormat)
        choices.append(LogSetup.Choice(setting: "format", value: format.value.description, source: format.source))
        let level = chooseLevel(onLambda: onLambda, logLevel: logLevel, lambdaLevel: lambdaLevel)
        choices.append(LogSetup.Choice(setting: "level", value: level.value.name, source: level.source))

        var loggerLevels = logLevels
        var loggerSources: [String] = []
        if !logLevels.isEmpty { loggerSources.append("LOG_LEVELS") }
        if !self.loggerLevels.isEmpty {
            loggerLevels.merge(self.loggerLevels) { _, code in code }
            loggerSources.append("code")
        }
        if !loggerLevels.isEmpty {
            let listed = loggerLevels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            choices.append(
                LogSetup.Choice(
                    setting: "loggers", value: listed.joined(separator: ","),
                    source: loggerSources.joined(separator: ", then ")))
        }

        let sink = StreamSink(output, formatter: formatter(for: format.value, onLambda: onLambda))
        choices.append(
            LogSetup.Choice(
                setting: "output", value: sink.description,
                source: output == .standardOutput ? "default" : "code"))
        let shutdown = chooseShutdownTimeout(shutdownVariable)
        if let shutdown {
            choices.append(
                LogSetup.Choice(setting: "shutdown timeout", value: "\(shutdown.value)", source: shutdown.source))
        }
        let configuration = LogConfiguration(
            level: level.value, sinks: [sink], loggerLevels: loggerLevels, ignoresBrokenPipe: ignoresBrokenPipe,
            shutdownTimeout: shutdown?.value ?? LogConfiguration.defaultShutdownTimeout, fieldProviders: fieldProviders)
        return Resolution(configuration: configuration, format: format.value, choices: choices)
    }

    private func chooseFormat(
        onLambda: Bool,
        logFormat: LogFormat?,
        lambdaFormat: LogFormat?
    ) -> (value: LogFormat, source: String) {
        let lambdaSetting = value(of: "AWS_LAMBDA_LOG_FORMAT").map { "AWS_LAMBDA_LOG_FORMAT=\($0)" }
        let logSetting = value(of: "LOG_FORMAT").map { "LOG_FORMAT=\($0)" }
        if let format {
            return (format, Self.source("code", unused: [lambdaSetting, logSetting], because: "set in code"))
        }
        if onLambda, let lambdaFormat, let lambdaSetting {
            return (lambdaFormat, Self.source(lambdaSetting, unused: [logSetting], because: "Lambda's variable wins"))
        }
        let offLambda = onLambda ? nil : lambdaSetting
        if let logFormat, let logSetting {
            return (logFormat, Self.source(logSetting, unused: [offLambda], because: "not on Lambda"))
        }
        if let defaultFormat {
            return (defaultFormat, Self.source("default set in code", unused: [offLambda], because: "not on Lambda"))
        }
        if onLambda {
            return (.lambdaText, "Lambda's default format, Text")
        }
        let isTerminal = outputIsTerminal ?? System.isTerminal(output.fileDescriptor)
        let reason = isTerminal ? "output is a terminal" : "output is not a terminal"
        return (
            isTerminal ? .console : .json,
            Self.source("default: " + reason, unused: [offLambda], because: "not on Lambda")
        )
    }

    private func chooseLevel(
        onLambda: Bool,
        logLevel: LogLevel?,
        lambdaLevel: LogLevel?
    ) -> (value: LogLevel, source: String) {
        let lambdaSetting = value(of: "AWS_LAMBDA_LOG_LEVEL").map { "AWS_LAMBDA_LOG_LEVEL=\($0)" }
        let logSetting = value(of: "LOG_LEVEL").map { "LOG_LEVEL=\($0)" }
        if let level {
            return (level, Self.source("code", unused: [lambdaSetting, logSetting], because: "set in code"))
        }
        if onLambda, let lambdaLevel, let lambdaSetting {
            return (lambdaLevel, Self.source(lambdaSetting, unused: [logSetting], because: "Lambda's variable wins"))
        }
        let offLambda = onLambda ? nil : lambdaSetting
        if let logLevel, let logSetting {
            return (logLevel, Self.source(logSetting, unused: [offLambda], because: "not on Lambda"))
        }
        return (defaultLevel, Self.source("default", unused: [offLambda], because: "not on Lambda"))
    }

    /// `source`, followed by the settings that were set but lost to it.
    private static func source(_ source: String, unused: [String?], because reason: String) -> String {
        let ignored = unused.compactMap { $0 }
        guard !ignored.isEmpty else { return source }
        return source + "; " + ignored.joined(separator: ", ") + " not used: " + reason
    }

    private func formatter(for format: LogFormat, onLambda: Bool) -> any LogFormatter {
        let functionFields = includesLambdaFunctionFields ? LambdaFunction(environment: variables).fields : [:]
        switch format {
        case .json:
            return functionFields.isEmpty ? jsonFormatter : jsonFormatter.addingStaticFields(functionFields)
        case .logfmt:
            return logfmtFormatter
        case .console:
            return consoleFormatter
        case .lambdaText:
            return functionFields.isEmpty ? lambdaTextFormatter : lambdaTextFormatter.addingStaticFields(functionFields)
        case .lambdaJSON:
            return functionFields.isEmpty ? lambdaJSONFormatter : lambdaJSONFormatter.addingStaticFields(functionFields)
        }
    }

    private func parseLevel(_ variable: String) throws(LogEnvironmentError) -> LogLevel? {
        guard let text = value(of: variable) else { return nil }
        do {
            return try LogLevel(parsing: text)
        } catch {
            throw LogEnvironmentError(
                variable: variable, value: variables[variable] ?? text,
                expected: "a log level, one of: " + LogLevelParseError.acceptedValuesDescription)
        }
    }

    private func parseFormat(_ variable: String) throws(LogEnvironmentError) -> LogFormat? {
        guard let text = value(of: variable) else { return nil }
        guard let format = LogFormat(name: text) else {
            throw LogEnvironmentError(
                variable: variable, value: variables[variable] ?? text,
                expected: "one of: " + LogFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return format
    }

    private func parseLambdaFormat(_ variable: String) throws(LogEnvironmentError) -> LogFormat? {
        guard let text = value(of: variable) else { return nil }
        switch text.lowercased() {
        case "text": return .lambdaText
        case "json": return .lambdaJSON
        default:
            throw LogEnvironmentError(
                variable: variable, value: variables[variable] ?? text, expected: "Text or JSON (any case)")
        }
    }

    private func parseLoggerLevels(_ variable: String) throws(LogEnvironmentError) -> [String: LogLevel] {
        guard let text = value(of: variable) else { return [:] }
        let expected =
            "comma-separated name=level pairs such as \"payments=debug,chatty.dependency=warning\", "
            + "with levels one of: " + LogLevelParseError.acceptedValuesDescription
        func failure(_ problem: String) -> LogEnvironmentError {
            LogEnvironmentError(
                variable: variable, value: variables[variable] ?? text, problem: problem, expected: expected)
        }
        var levels: [String: LogLevel] = [:]
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = String(entry).trimmingSpaces()
            if pair.isEmpty { continue }
            guard let equals = pair.firstIndex(of: "=") else {
                throw failure("\(quoted(pair)) has no \"=\"")
            }
            let name = String(pair[..<equals]).trimmingSpaces()
            let levelText = String(pair[pair.index(after: equals)...]).trimmingSpaces()
            do {
                try LoggerName.validate(name)
            } catch {
                throw failure(error.description)
            }
            guard let level = try? LogLevel(parsing: levelText) else {
                throw failure("invalid log level \(quoted(levelText)) for logger \(quoted(name))")
            }
            if levels[name] != nil {
                throw failure("logger \(quoted(name)) is listed twice")
            }
            levels[name] = level
        }
        return levels
    }
}
