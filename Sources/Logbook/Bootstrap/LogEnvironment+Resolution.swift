extension LogEnvironment {
    /// What bootstrap applies, and each setting with what decided it (``LogSetup/choices``).
    package typealias Resolution = (configuration: LogConfiguration, choices: [LogSetup.Choice])

    /// Reads and checks every variable (throwing for the first one rejected, in
    /// ``variableNames`` order), then decides every setting.
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
        var choices: [LogSetup.Choice] = []
        func note(_ setting: String, _ value: String, _ source: String) {
            choices.append(LogSetup.Choice(setting: setting, value: value, source: source))
        }

        if let lambdaMarker { note("platform", "AWS Lambda", lambdaMarker) }

        let format = choose("FORMAT", code: self.format, lambda: lambdaFormat, log: logFormat) {
            if let defaultFormat { return (defaultFormat, "default set in code") }
            if lambdaMarker != nil { return (.lambdaText, "Lambda's default format, Text") }
            if outputIsTerminal ?? System.isTerminal(output.fileDescriptor) {
                return (.console, "default: output is a terminal")
            }
            return (.json, "default: output is not a terminal")
        }
        note("format", format.value.description, format.source)
        let level = choose("LEVEL", code: self.level, lambda: lambdaLevel, log: logLevel) { (defaultLevel, "default") }
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
        _ name: String, code: Value?, lambda: Value?, log: Value?, fallback: () -> (Value, String)
    ) -> (value: Value, source: String) {
        let onLambda = lambdaMarker != nil
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

    /// The variable that marks AWS Lambda, as `NAME=value`; `nil` off Lambda.
    private var lambdaMarker: String? {
        setting(LambdaFunction.nameVariable) ?? setting("AWS_LAMBDA_RUNTIME_API")
    }

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

    /// What is wrong with part of a value, thrown by a reader of ``parse(_:expected:_:)``.
    struct Rejection: Error, CustomStringConvertible {
        let description: String
    }

    /// The value of `variable` as `read` makes it, `nil` when unset. When `read` returns `nil`
    /// or throws, throws naming the variable, its value, the problem `read` threw and `expected`.
    func parse<Value>(
        _ variable: String, expected: String, _ read: (String) throws -> Value?
    ) throws(LogEnvironmentError) -> Value? {
        guard let text = value(of: variable) else { return nil }
        var problem: String?
        do {
            if let value = try read(text) { return value }
        } catch {
            problem = (error as? LogSamplingError)?.problem ?? "\(error)"
        }
        throw LogEnvironmentError(
            variable: variable, value: variables[variable] ?? text, problem: problem, expected: expected)
    }

    static let loggerLevelsForm =
        "comma-separated name=level pairs such as \"payments=debug,chatty.dependency=warning\", "
        + "with levels one of: " + LogLevelParseError.acceptedValuesDescription

    /// `LOG_LEVELS`: `payments=debug,chatty.dependency=warning`; empty entries are skipped. Split
    /// at the `,` and `=` scalars, as names are at dots, even where a mark joins one to a Character.
    static func loggerLevels(parsing text: String) throws -> [String: LogLevel] {
        var levels: [String: LogLevel] = [:]
        let pairs = text.unicodeScalars.split(separator: ",").map { String(Substring($0)).trimmingSpaces() }
        for pair in pairs where !pair.isEmpty {
            guard let equals = pair.unicodeScalars.firstIndex(of: "=") else {
                throw Rejection(description: "\(quoted(pair)) has no \"=\"")
            }
            let name = String(pair[..<equals]).trimmingSpaces()
            let levelText = String(pair[pair.unicodeScalars.index(after: equals)...]).trimmingSpaces()
            try LoggerName.validate(name)
            guard let level = try? LogLevel(parsing: levelText) else {
                throw Rejection(description: "invalid log level \(quoted(levelText)) for logger \(quoted(name))")
            }
            if levels[name] != nil { throw Rejection(description: "logger \(quoted(name)) is listed twice") }
            levels[name] = level
        }
        return levels
    }

    static let redactKeysForm = "comma-separated field keys, such as ssn,card_number"

    /// `LOG_REDACT_KEYS`: `ssn,card_number`.
    static func redactKeys(parsing text: String) throws -> [String] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let key = String(part).trimmingSpaces()
            if key.isEmpty { throw Rejection(description: "the list has an empty entry") }
            if key.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == 0x3D || $0 == 0x22 }) {
                throw Rejection(description: "\(quoted(key)) holds a space, a control character, \"=\" or a quote")
            }
            return key
        }
    }

    static let shutdownTimeoutForm =
        "a duration: a non-negative number followed by ms or s, such as 500ms or 5s "
        + "(a bare number is seconds), at most 1 day"

    /// `LOG_SHUTDOWN_TIMEOUT`: `500ms`, `5s`, `2.5s` or `2.5` (seconds); `nil` for anything
    /// else, negative or non-finite numbers included.
    static func duration(parsing text: String) -> Duration? {
        let lowered = text.lowercased()
        var number = Substring(lowered)
        var scale = 1.0
        if lowered.hasSuffix("ms") {
            number = number.dropLast(2)
            scale = 0.001
        } else if lowered.hasSuffix("s") {
            number = number.dropLast()
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number), value.isFinite, value >= 0, value * scale <= 86_400
        else { return nil }
        return .nanoseconds(Int64((value * scale * 1e9).rounded()))
    }
}
