import Logbook
import LogbookTesting
import Testing

/// The environment matrix: each variable alone, in combination, Lambda's precedence,
/// overrides in code, and every bad value refused with nothing applied.
@Suite struct LogEnvironmentTests {
    /// Bootstraps a private hierarchy from `variables` (output not a terminal).
    func bootstrap(
        _ variables: [String: String],
        terminal: Bool = false,
        _ configure: (inout LogEnvironment) -> Void = { _ in }
    ) throws -> (setup: LogSetup, hierarchy: LogHierarchy) {
        var environment = LogEnvironment(variables: variables, outputIsTerminal: terminal)
        configure(&environment)
        let hierarchy = LogHierarchy()
        return (try hierarchy.bootstrap(environment), hierarchy)
    }

    func formatter(of setup: LogSetup) -> (any LogFormatter)? {
        (setup.sinks.first as? StreamSink)?.formatter
    }

    func choice(_ setting: String, in setup: LogSetup) -> LogSetup.Choice? {
        setup.choices.first { $0.setting == setting }
    }

    // MARK: Each variable alone

    @Test func nothingSetGivesJSONAtInfoOnStandardOutput() throws {
        let (setup, hierarchy) = try bootstrap([:])
        #expect(setup.level == .info)
        #expect(hierarchy.root.effectiveLevel == .info)
        #expect(formatter(of: setup) is JSONFormatter)
        #expect((setup.sinks.first as? StreamSink)?.output == .standardOutput)
        #expect(setup.loggerLevels.isEmpty)
        #expect(choice("format", in: setup)?.source == "default: output is not a terminal")
        #expect(choice("level", in: setup)?.source == "default")
        #expect(choice("platform", in: setup) == nil)
    }

    @Test func nothingSetOnATerminalGivesConsole() throws {
        let (setup, _) = try bootstrap([:], terminal: true)
        #expect(formatter(of: setup) is ConsoleFormatter)
        #expect(choice("format", in: setup)?.source == "default: output is a terminal")
    }

    @Test(arguments: [
        ("debug", LogLevel.debug), ("WARN", .warning), (" Error ", .error), ("trace", .trace), ("fatal", .critical),
    ])
    func logLevelAlone(value: String, level: LogLevel) throws {
        let (setup, hierarchy) = try bootstrap(["LOG_LEVEL": value])
        #expect(setup.level == level)
        #expect(hierarchy.logger("any.thing").effectiveLevel == level)
        #expect(choice("level", in: setup)?.source == "LOG_LEVEL=\(value.trimmingCharacters())")
    }

    @Test func logLevelsAlone() throws {
        let (setup, hierarchy) = try bootstrap(["LOG_LEVELS": " payments=debug , chatty.dependency=WARN,"])
        #expect(setup.level == .info)
        #expect(setup.loggerLevels == ["payments": .debug, "chatty.dependency": .warning])
        #expect(hierarchy.logger("payments").level == .debug)
        #expect(hierarchy.logger("payments.gateway").effectiveLevel == .debug)
        #expect(hierarchy.logger("chatty.dependency").level == .warning)
        #expect(hierarchy.logger("chatty").level == nil)
        #expect(
            choice("loggers", in: setup)?.description == "loggers=chatty.dependency=warning,payments=debug (LOG_LEVELS)"
        )
    }

    @Test(arguments: [
        ("json", "JSONFormatter"), ("logfmt", "LogfmtFormatter"), ("console", "ConsoleFormatter"),
        ("lambda-text", "LambdaTextFormatter"), ("lambda-json", "LambdaJSONFormatter"), ("JSON", "JSONFormatter"),
        ("Lambda-Text", "LambdaTextFormatter"),
    ])
    func logFormatAlone(value: String, type: String) throws {
        let (setup, _) = try bootstrap(["LOG_FORMAT": value])
        #expect(formatter(of: setup).map { "\(Swift.type(of: $0))" } == type)
        #expect(choice("format", in: setup)?.source == "LOG_FORMAT=\(value)")
    }

    @Test func lambdaFormatAndLevelAreIgnoredOffLambda() throws {
        let (setup, _) = try bootstrap(["AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "DEBUG"])
        #expect(formatter(of: setup) is JSONFormatter)
        #expect(setup.level == .info)
        #expect(
            choice("format", in: setup)?.source.contains("AWS_LAMBDA_LOG_FORMAT=JSON not used: not on Lambda") == true)
        #expect(
            choice("level", in: setup)?.source.contains("AWS_LAMBDA_LOG_LEVEL=DEBUG not used: not on Lambda") == true)
    }

    @Test(arguments: ["AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_RUNTIME_API"])
    func eitherLambdaMarkerAloneGivesLambdasDefaultText(marker: String) throws {
        let (setup, _) = try bootstrap([marker: "orders"])
        #expect(formatter(of: setup) is LambdaTextFormatter)
        #expect(setup.level == .info)
        #expect(choice("platform", in: setup)?.source == "\(marker)=orders")
        #expect(choice("format", in: setup)?.source == "Lambda's default format, Text")
    }

    @Test func anEmptyLambdaMarkerDoesNotCount() throws {
        let (setup, _) = try bootstrap(["AWS_LAMBDA_FUNCTION_NAME": "", "AWS_LAMBDA_LOG_FORMAT": "JSON"])
        #expect(formatter(of: setup) is JSONFormatter)
        #expect(choice("platform", in: setup) == nil)
    }

    @Test func emptyValuesCountAsUnset() throws {
        let (setup, _) = try bootstrap([
            "LOG_LEVEL": "", "LOG_LEVELS": " ", "LOG_FORMAT": "", "AWS_LAMBDA_LOG_FORMAT": "",
            "AWS_LAMBDA_LOG_LEVEL": "",
        ])
        #expect(setup.level == .info)
        #expect(setup.loggerLevels.isEmpty)
        #expect(formatter(of: setup) is JSONFormatter)
    }

    // MARK: Lambda precedence and combinations

    @Test(arguments: [
        ("JSON", "LambdaJSONFormatter"), ("json", "LambdaJSONFormatter"), ("Text", "LambdaTextFormatter"),
    ])
    func onLambdaItsFormatWinsOverLogFormat(value: String, type: String) throws {
        let (setup, _) = try bootstrap([
            "AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_LOG_FORMAT": value, "LOG_FORMAT": "logfmt",
        ])
        #expect(formatter(of: setup).map { "\(Swift.type(of: $0))" } == type)
        #expect(
            choice("format", in: setup)?.source
                == "AWS_LAMBDA_LOG_FORMAT=\(value); LOG_FORMAT=logfmt not used: Lambda's variable wins")
    }

    @Test func onLambdaItsLevelWinsOverLogLevel() throws {
        let (setup, hierarchy) = try bootstrap([
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "AWS_LAMBDA_LOG_LEVEL": "ERROR", "LOG_LEVEL": "debug",
        ])
        #expect(setup.level == .error)
        #expect(hierarchy.root.effectiveLevel == .error)
        #expect(
            choice("level", in: setup)?.source
                == "AWS_LAMBDA_LOG_LEVEL=ERROR; LOG_LEVEL=debug not used: Lambda's variable wins")
    }

    @Test func onLambdaLogVariablesApplyWhenLambdasAreUnset() throws {
        let (setup, _) = try bootstrap([
            "AWS_LAMBDA_FUNCTION_NAME": "orders", "LOG_FORMAT": "logfmt", "LOG_LEVEL": "debug",
        ])
        #expect(formatter(of: setup) is LogfmtFormatter)
        #expect(setup.level == .debug)
    }

    @Test func everyVariableTogetherOnLambda() throws {
        let (setup, hierarchy) = try bootstrap([
            "AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "TRACE",
            "LOG_FORMAT": "console", "LOG_LEVEL": "error", "LOG_LEVELS": "payments=warning",
        ])
        #expect(formatter(of: setup) is LambdaJSONFormatter)
        #expect(setup.level == .trace)
        #expect(hierarchy.logger("payments").effectiveLevel == .warning)
        #expect(hierarchy.logger("orders").effectiveLevel == .trace)
        let printed = setup.description
        #expect(
            printed.hasPrefix("level=trace sinks=[standard output (LambdaJSONFormatter)] loggers=[payments=warning]"))
        #expect(printed.contains("platform=AWS Lambda (AWS_LAMBDA_FUNCTION_NAME=orders)"))
        #expect(printed.contains("format=lambda-json (AWS_LAMBDA_LOG_FORMAT=JSON; LOG_FORMAT=console not used"))
        #expect(printed.contains("level=trace (AWS_LAMBDA_LOG_LEVEL=TRACE; LOG_LEVEL=error not used"))
        #expect(printed.contains("loggers=payments=warning (LOG_LEVELS)"))
        #expect(printed.contains("output=standard output (default)"))
    }

    @Test func everyVariableTogetherOffLambda() throws {
        let (setup, hierarchy) = try bootstrap([
            "LOG_FORMAT": "logfmt", "LOG_LEVEL": "notice", "LOG_LEVELS": "a=trace,b.c=critical",
        ])
        #expect(formatter(of: setup) is LogfmtFormatter)
        #expect(setup.level == .notice)
        #expect(hierarchy.logger("a").level == .trace)
        #expect(hierarchy.logger("b.c").level == .critical)
    }

    // MARK: Overrides and defaults in code

    @Test func overridesInCodeWinOverEveryVariable() throws {
        let (setup, hierarchy) = try bootstrap([
            "AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "ERROR",
            "LOG_LEVELS": "payments=debug,other=debug",
        ]) {
            $0.level = .notice
            $0.format = .logfmt
            $0.loggerLevels = ["payments": .critical]
        }
        #expect(setup.level == .notice)
        #expect(formatter(of: setup) is LogfmtFormatter)
        #expect(hierarchy.logger("payments").level == .critical)
        #expect(hierarchy.logger("other").level == .debug)
        #expect(choice("format", in: setup)?.source.hasPrefix("code; AWS_LAMBDA_LOG_FORMAT=JSON") == true)
        #expect(choice("loggers", in: setup)?.source == "LOG_LEVELS, then code")
    }

    @Test func defaultsInCodeLoseToVariables() throws {
        let (withVariables, _) = try bootstrap(["LOG_LEVEL": "error", "LOG_FORMAT": "json"]) {
            $0.defaultLevel = .debug
            $0.defaultFormat = .logfmt
        }
        #expect(withVariables.level == .error)
        #expect(formatter(of: withVariables) is JSONFormatter)
        let (withoutVariables, _) = try bootstrap(["AWS_LAMBDA_FUNCTION_NAME": "orders"]) {
            $0.defaultLevel = .debug
            $0.defaultFormat = .logfmt
        }
        #expect(withoutVariables.level == .debug)
        #expect(formatter(of: withoutVariables) is LogfmtFormatter)
    }

    @Test func theConfiguredJSONFormatterIsUsedAndFunctionFieldsAreOptIn() throws {
        let variables = [
            "LOG_FORMAT": "json", "AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        ]
        let (plain, _) = try bootstrap(variables) { $0.jsonFormatter = .datadog(service: "checkout") }
        let record = fixedRecord(.info, "m")
        #expect(
            formatter(of: plain)?.format(record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","status":"info","logger.name":"orders","message":"m","service":"checkout"}"#
        )
        let (withFunction, _) = try bootstrap(variables) {
            $0.jsonFormatter = .datadog(service: "checkout")
            $0.includesLambdaFunctionFields = true
        }
        #expect(
            formatter(of: withFunction)?.format(record)
                == #"{"timestamp":"2024-08-06T11:54:56.789Z","status":"info","logger.name":"orders","message":"m","service":"checkout","function_name":"orders","function_memory_size":512,"function_version":"$LATEST"}"#
        )
        var lambdaText = variables
        lambdaText["LOG_FORMAT"] = nil
        let (text, _) = try bootstrap(lambdaText) { $0.includesLambdaFunctionFields = true }
        #expect(
            formatter(of: text)?.format(record)
                == "[INFO]\t2024-08-06T11:54:56.789Z\t\tm function_name=orders function_memory_size=512 function_version=$LATEST"
        )
    }

    // MARK: Bad values: a clear error and nothing applied

    @Test(arguments: [
        ("LOG_LEVEL", "loud", "a log level, one of: trace, debug, info"),
        ("LOG_FORMAT", "xml", "one of: json, logfmt, console, lambda-text, lambda-json"),
        ("AWS_LAMBDA_LOG_FORMAT", "YAML", "Text or JSON"),
        ("AWS_LAMBDA_LOG_LEVEL", "VERBOSE", "a log level, one of: trace, debug, info"),
        ("LOG_LEVELS", "payments", "comma-separated name=level pairs"),
        ("LOG_LEVELS", "payments=loud", "comma-separated name=level pairs"),
        ("LOG_LEVELS", "pay ments=debug", "comma-separated name=level pairs"),
        ("LOG_LEVELS", "a..b=debug", "comma-separated name=level pairs"),
        ("LOG_LEVELS", "=debug", "comma-separated name=level pairs"),
        ("LOG_LEVELS", "a=debug,a=info", "comma-separated name=level pairs"),
    ])
    func aBadValueThrowsNamingItAndAppliesNothing(variable: String, value: String, expected: String) throws {
        // Good values next to the bad one, on Lambda, so a partial apply would show.
        var variables = [
            "AWS_LAMBDA_FUNCTION_NAME": "orders", "LOG_LEVEL": "debug", "LOG_LEVELS": "payments=trace",
            "LOG_FORMAT": "logfmt", "AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "ERROR",
        ]
        variables[variable] = value
        let hierarchy = LogHierarchy()
        let lastResort = InMemorySink()
        hierarchy.lastResort = lastResort
        let thrown = #expect(throws: LogBootstrapError.self) {
            try hierarchy.bootstrap(LogEnvironment(variables: variables, outputIsTerminal: false))
        }
        guard case .invalidEnvironment(let error) = thrown else {
            Issue.record("expected invalidEnvironment, got \(String(describing: thrown))")
            return
        }
        #expect(error.variable == variable)
        #expect(error.value == value)
        let description = thrown?.description ?? ""
        #expect(description.contains("\(variable)=\"\(value)\" is invalid"))
        #expect(description.contains("expected " + expected))
        #expect(description.hasSuffix("Nothing was applied."))

        #expect(hierarchy.root.sinks.isEmpty)
        #expect(hierarchy.root.level == nil)
        #expect(hierarchy.root.effectiveLevel == .info)
        #expect(hierarchy.logger("payments").level == nil)
        hierarchy.logger("payments").warning("still reaches the last resort")
        #expect(lastResort.messages == ["still reaches the last resort"])
        // Not marked as bootstrapped: a corrected environment still applies.
        variables[variable] = nil
        let setup = try hierarchy.bootstrap(LogEnvironment(variables: variables, outputIsTerminal: false))
        #expect(setup.sinks.count == 1)
    }

    @Test func theFirstBadVariableInReadingOrderIsReported() {
        let hierarchy = LogHierarchy()
        #expect {
            try hierarchy.bootstrap(LogEnvironment(variables: ["LOG_FORMAT": "xml", "LOG_LEVEL": "loud"]))
        } throws: { error in
            guard case .invalidEnvironment(let environmentError) = error as? LogBootstrapError else { return false }
            return environmentError.variable == "LOG_LEVEL"
        }
    }

    @Test func theProblemWithOnePairIsNamed() {
        let hierarchy = LogHierarchy()
        #expect {
            try hierarchy.bootstrap(LogEnvironment(variables: ["LOG_LEVELS": "payments=debug,chatty=loud"]))
        } throws: { error in
            "\(error)".contains(
                #"LOG_LEVELS="payments=debug,chatty=loud" is invalid: invalid log level "loud" for logger "chatty""#)
        }
    }

    @Test func aSecondBootstrapIsStillRefused() throws {
        let (_, hierarchy) = try bootstrap([:])
        #expect {
            try hierarchy.bootstrap(LogEnvironment(variables: [:]))
        } throws: { error in
            if case .alreadyBootstrapped = error as? LogBootstrapError { return true }
            return false
        }
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var view = Substring(self)
        while view.first == " " { view.removeFirst() }
        while view.last == " " { view.removeLast() }
        return String(view)
    }
}
