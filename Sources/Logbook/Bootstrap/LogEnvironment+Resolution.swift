extension LogEnvironment {
    /// What bootstrap applies, and each setting with what decided it (``LogSetup/choices``).
    package typealias Resolution = (configuration: LogConfiguration, choices: [LogSetup.Choice])

    /// Reads and checks every variable, then decides every setting.
    ///
    /// - Throws: ``LogEnvironmentError`` for the first variable, in ``variableNames`` order,
    ///   whose value is not accepted.
    package func resolve() throws(LogEnvironmentError) -> Resolution {
        let levelExpected = "a log level, one of: " + LogLevelParseError.acceptedValuesDescription
        let logLevel = try parse("LOG_LEVEL", expected: levelExpected) { try? LogLevel(parsing: $0) }
        let logLevels = try parse("LOG_LEVELS", expected: Self.loggerLevelsForm, Self.loggerLevels(parsing:)) ?? [:]
        let logFormat = try parse(
            "LOG_FORMAT", expected: "one of: " + LogFormat.allCases.map(\.rawValue).joined(separator: ", ")
        ) { LogFormat(rawValue: $0.lowercased()) }
        let sampling = try parse("LOG_SAMPLING", expected: LogSamplingError.acceptedForm, LogSampling.init(parsing:))
        let lambdaFormat = try parse("AWS_LAMBDA_LOG_FORMAT", expected: "Text or JSON (any case)") {
            ["text": LogFormat.lambdaText, "json": .lambdaJSON][$0.lowercased()]
        }
        let lambdaLevel = try parse("AWS_LAMBDA_LOG_LEVEL", expected: levelExpected) { try? LogLevel(parsing: $0) }
        let redactKeys = try parse("LOG_REDACT_KEYS", expected: Self.redactKeysForm, Self.redactKeys(parsing:)) ?? []
        let shutdownVariable = try parse(
            "LOG_SHUTDOWN_TIMEOUT", expected: Self.shutdownTimeoutForm, Self.duration(parsing:))
        let onLambda = isLambda
        var choices: [LogSetup.Choice] = []
        func note(_ setting: String, _ value: String, _ source: String) {
            choices.append(LogSetup.Choice(setting: setting, value: value, source: source))
        }

        if onLambda {
            note(
                "platform", "AWS Lambda",
                setting(LambdaFunction.nameVariable) ?? setting("AWS_LAMBDA_RUNTIME_API") ?? "")
        }

        let format = choose("FORMAT", code: self.format, onLambda: onLambda, lambda: lambdaFormat, log: logFormat) {
            if let defaultFormat { return (defaultFormat, "default set in code") }
            if onLambda { return (.lambdaText, "Lambda's default format, Text") }
            if outputIsTerminal ?? System.isTerminal(output.fileDescriptor) {
                return (.console, "default: output is a terminal")
            }
            return (.json, "default: output is not a terminal")
        }
        note("format", format.value.description, format.source)
        let level = choose("LEVEL", code: self.level, onLambda: onLambda, lambda: lambdaLevel, log: logLevel) {
            (defaultLevel, "default")
        }
        note("level", level.value.name, level.source)

        let loggerLevels = logLevels.merging(self.loggerLevels) { _, code in code }
        if !loggerLevels.isEmpty {
            let listed = loggerLevels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let sources = [logLevels.isEmpty ? nil : "LOG_LEVELS", self.loggerLevels.isEmpty ? nil : "code"]
            note("loggers", listed.joined(separator: ","), sources.compactMap { $0 }.joined(separator: ", then "))
        }

        if let sampling { note("sampling", sampling.description, "LOG_SAMPLING") }

        let sink = StreamSink(output, formatter: formatter(for: format.value))
        note("output", sink.description, output == .standardOutput ? "default" : "code")
        let redaction = redactKeys.isEmpty ? self.redaction : self.redaction.adding(redactKeys)
        if redaction != .default {
            let sources = [self.redaction == .default ? nil : "code", redactKeys.isEmpty ? nil : "LOG_REDACT_KEYS"]
            note("redaction", "[" + redaction.description + "]", sources.compactMap { $0 }.joined(separator: ", then "))
        }
        var shutdown = shutdownVariable.map { (value: $0, source: setting("LOG_SHUTDOWN_TIMEOUT") ?? "") }
        if let shutdownTimeout { shutdown = (shutdownTimeout, "code") }
        if let shutdown { note("shutdown timeout", "\(shutdown.value)", shutdown.source) }
        let configuration = LogConfiguration(
            level: level.value, sinks: [sink], loggerLevels: loggerLevels, ignoresBrokenPipe: ignoresBrokenPipe,
            sampling: sampling, redaction: redaction,
            shutdownTimeout: shutdown?.value ?? LogConfiguration.defaultShutdownTimeout, fieldProviders: fieldProviders)
        return (configuration, choices)
    }

    /// The setting `LOG_<name>` / `AWS_LAMBDA_LOG_<name>` decides: the value set in code
    /// wins, then on Lambda Lambda's variable, then Logbook's, then `fallback` (noting
    /// Lambda's variable when it was set off Lambda, and so unused).
    private func choose<Value>(
        _ name: String,
        code: Value?,
        onLambda: Bool,
        lambda: Value?,
        log: Value?,
        fallback: () -> (Value, String)
    ) -> (value: Value, source: String) {
        let lambdaSetting = setting("AWS_LAMBDA_LOG_" + name)
        let logSetting = setting("LOG_" + name)
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
        let (value, source) = fallback()
        return (value, Self.source(source, unused: [offLambda], because: "not on Lambda"))
    }

    /// `NAME=value` for a variable that is set, else `nil`.
    private func setting(_ name: String) -> String? {
        value(of: name).map { "\(name)=\($0)" }
    }

    /// `source`, followed by the settings that were set but lost to it.
    private static func source(_ source: String, unused: [String?], because reason: String) -> String {
        let ignored = unused.compactMap { $0 }
        guard !ignored.isEmpty else { return source }
        return source + "; " + ignored.joined(separator: ", ") + " not used: " + reason
    }

    private func formatter(for format: LogFormat) -> any LogFormatter {
        let fields = includesLambdaFunctionFields ? LambdaFunction(environment: variables).fields : [:]
        return switch format {
        case .json: fields.isEmpty ? jsonFormatter : jsonFormatter.addingStaticFields(fields)
        case .logfmt: logfmtFormatter
        case .console: consoleFormatter
        case .lambdaText: fields.isEmpty ? lambdaTextFormatter : lambdaTextFormatter.addingStaticFields(fields)
        case .lambdaJSON: fields.isEmpty ? lambdaJSONFormatter : lambdaJSONFormatter.addingStaticFields(fields)
        }
    }
}
