extension LogEnvironment {
    /// The configuration the variables and the settings in code describe, and what
    /// decided each part of it.
    package struct Resolution: Sendable {
        /// What bootstrap applies.
        package let configuration: LogConfiguration
        /// The chosen format.
        package let format: LogFormat
        /// Each setting with what decided it, for ``LogSetup/choices``.
        package let choices: [LogSetup.Choice]
    }

    /// Reads and checks every variable, then decides format, level, per-logger levels and
    /// sampling.
    ///
    /// - Throws: ``LogEnvironmentError`` for the first variable, in ``variableNames``
    ///   order, whose value is not accepted.
    package func resolve() throws(LogEnvironmentError) -> Resolution {
        let levelExpected = "a log level, one of: " + LogLevelParseError.acceptedValuesDescription
        let logLevel = try parse("LOG_LEVEL", expected: levelExpected) { try? LogLevel(parsing: $0) }
        let logLevels = try parseLoggerLevels("LOG_LEVELS")
        let logFormat = try parse(
            "LOG_FORMAT", expected: "one of: " + LogFormat.allCases.map(\.rawValue).joined(separator: ", "),
            LogFormat.init(name:))
        let sampling = try parseSampling("LOG_SAMPLING")
        let lambdaFormat = try parse("AWS_LAMBDA_LOG_FORMAT", expected: "Text or JSON (any case)") {
            ["text": LogFormat.lambdaText, "json": .lambdaJSON][$0.lowercased()]
        }
        let lambdaLevel = try parse("AWS_LAMBDA_LOG_LEVEL", expected: levelExpected) { try? LogLevel(parsing: $0) }
        let redactKeys = try parseRedactKeys("LOG_REDACT_KEYS")
        let shutdownVariable = try parse(
            "LOG_SHUTDOWN_TIMEOUT", expected: Self.shutdownTimeoutForm, Self.duration(parsing:))
        let onLambda = isLambda
        var choices: [LogSetup.Choice] = []
        func note(_ setting: String, _ value: String, _ source: String) {
            choices.append(LogSetup.Choice(setting: setting, value: value, source: source))
        }

        if onLambda {
            let marker = value(of: LambdaFunction.nameVariable).map { "\(LambdaFunction.nameVariable)=\($0)" }
            let api = "AWS_LAMBDA_RUNTIME_API=\(value(of: "AWS_LAMBDA_RUNTIME_API") ?? "")"
            note("platform", "AWS Lambda", marker ?? api)
        }

        let format = choose("FORMAT", code: self.format, onLambda: onLambda, lambda: lambdaFormat, log: logFormat) {
            offLambda in
            if let defaultFormat {
                return (
                    defaultFormat, Self.source("default set in code", unused: [offLambda], because: "not on Lambda")
                )
            }
            if onLambda { return (.lambdaText, "Lambda's default format, Text") }
            let isTerminal = outputIsTerminal ?? System.isTerminal(output.fileDescriptor)
            let reason = isTerminal ? "output is a terminal" : "output is not a terminal"
            return (
                isTerminal ? .console : .json,
                Self.source("default: " + reason, unused: [offLambda], because: "not on Lambda")
            )
        }
        note("format", format.value.description, format.source)
        let level = choose("LEVEL", code: self.level, onLambda: onLambda, lambda: lambdaLevel, log: logLevel) {
            (defaultLevel, Self.source("default", unused: [$0], because: "not on Lambda"))
        }
        note("level", level.value.name, level.source)

        var loggerLevels = logLevels
        var loggerSources: [String] = []
        if !logLevels.isEmpty { loggerSources.append("LOG_LEVELS") }
        if !self.loggerLevels.isEmpty {
            loggerLevels.merge(self.loggerLevels) { _, code in code }
            loggerSources.append("code")
        }
        if !loggerLevels.isEmpty {
            let listed = loggerLevels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            note("loggers", listed.joined(separator: ","), loggerSources.joined(separator: ", then "))
        }

        if let sampling { note("sampling", sampling.description, "LOG_SAMPLING") }

        let sink = StreamSink(output, formatter: formatter(for: format.value))
        note("output", sink.description, output == .standardOutput ? "default" : "code")
        let redaction = redactKeys.isEmpty ? self.redaction : self.redaction.adding(redactKeys)
        if redaction != .default {
            var sources = self.redaction == .default ? [] : ["code"]
            if !redactKeys.isEmpty { sources.append("LOG_REDACT_KEYS") }
            note("redaction", "[" + redaction.description + "]", sources.joined(separator: ", then "))
        }
        let shutdown = chooseShutdownTimeout(shutdownVariable)
        if let shutdown { note("shutdown timeout", "\(shutdown.value)", shutdown.source) }
        let configuration = LogConfiguration(
            level: level.value, sinks: [sink], loggerLevels: loggerLevels, ignoresBrokenPipe: ignoresBrokenPipe,
            sampling: sampling, redaction: redaction,
            shutdownTimeout: shutdown?.value ?? LogConfiguration.defaultShutdownTimeout, fieldProviders: fieldProviders)
        return Resolution(configuration: configuration, format: format.value, choices: choices)
    }

    /// The setting `LOG_<name>` / `AWS_LAMBDA_LOG_<name>` decides: the value set in code
    /// wins, then on Lambda Lambda's variable, then Logbook's, then `fallback` (given
    /// Lambda's variable when it was set off Lambda, and so unused).
    private func choose<Value>(
        _ name: String,
        code: Value?,
        onLambda: Bool,
        lambda: Value?,
        log: Value?,
        fallback: (_ offLambda: String?) -> (value: Value, source: String)
    ) -> (value: Value, source: String) {
        let lambdaSetting = value(of: "AWS_LAMBDA_LOG_" + name).map { "AWS_LAMBDA_LOG_\(name)=\($0)" }
        let logSetting = value(of: "LOG_" + name).map { "LOG_\(name)=\($0)" }
        if let code {
            return (code, Self.source("code", unused: [lambdaSetting, logSetting], because: "set in code"))
        }
        if onLambda, let lambda, let lambdaSetting {
            return (lambda, Self.source(lambdaSetting, unused: [logSetting], because: "Lambda's variable wins"))
        }
        let offLambda = onLambda ? nil : lambdaSetting
        if let log, let logSetting {
            return (log, Self.source(logSetting, unused: [offLambda], because: "not on Lambda"))
        }
        return fallback(offLambda)
    }

    /// `source`, followed by the settings that were set but lost to it.
    private static func source(_ source: String, unused: [String?], because reason: String) -> String {
        let ignored = unused.compactMap { $0 }
        guard !ignored.isEmpty else { return source }
        return source + "; " + ignored.joined(separator: ", ") + " not used: " + reason
    }

    private func formatter(for format: LogFormat) -> any LogFormatter {
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

    /// The value of `variable` as `read` makes it, or `nil` when the variable is unset;
    /// throws naming `expected` when `read` rejects it.
    private func parse<Value>(
        _ variable: String, expected: String, _ read: (String) -> Value?
    ) throws(LogEnvironmentError) -> Value? {
        guard let text = value(of: variable) else { return nil }
        guard let value = read(text) else {
            throw LogEnvironmentError(variable: variable, value: variables[variable] ?? text, expected: expected)
        }
        return value
    }

    private func parseSampling(_ variable: String) throws(LogEnvironmentError) -> LogSampling? {
        guard let text = value(of: variable) else { return nil }
        do {
            return try LogSampling(parsing: text)
        } catch {
            throw LogEnvironmentError(
                variable: variable, value: variables[variable] ?? text, problem: error.problem,
                expected: LogSamplingError.acceptedForm)
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
