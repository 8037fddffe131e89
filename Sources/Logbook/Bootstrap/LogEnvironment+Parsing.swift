extension LogEnvironment {
    /// What is wrong with part of a value, thrown by a reader of ``parse(_:expected:_:)``.
    struct Rejection: Error, CustomStringConvertible {
        let description: String
    }

    /// The value of `variable` as `read` makes it, or `nil` when the variable is unset. When
    /// `read` returns `nil` or throws, throws naming the variable, its value, the problem
    /// `read` threw (a ``LogSamplingError``'s problem, else the error's description) and
    /// `expected`.
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

    /// `LOG_LEVELS`: `payments=debug,chatty.dependency=warning`; empty entries are skipped.
    static func loggerLevels(parsing text: String) throws -> [String: LogLevel] {
        var levels: [String: LogLevel] = [:]
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = String(entry).trimmingSpaces()
            if pair.isEmpty { continue }
            guard let equals = pair.firstIndex(of: "=") else {
                throw Rejection(description: "\(quoted(pair)) has no \"=\"")
            }
            let name = String(pair[..<equals]).trimmingSpaces()
            let levelText = String(pair[pair.index(after: equals)...]).trimmingSpaces()
            try LoggerName.validate(name)
            guard let level = try? LogLevel(parsing: levelText) else {
                throw Rejection(description: "invalid log level \(quoted(levelText)) for logger \(quoted(name))")
            }
            if levels[name] != nil {
                throw Rejection(description: "logger \(quoted(name)) is listed twice")
            }
            levels[name] = level
        }
        return levels
    }

    static let redactKeysForm = "comma-separated field keys, such as ssn,card_number"

    /// `LOG_REDACT_KEYS`: `ssn,card_number`. An entry must not be empty nor hold a space,
    /// a control character, `=` or `"`.
    static func redactKeys(parsing text: String) throws -> [String] {
        var keys: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let key = String(part).trimmingSpaces()
            if key.isEmpty { throw Rejection(description: "the list has an empty entry") }
            if key.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == 0x3D || $0 == 0x22 }) {
                throw Rejection(description: "\(quoted(key)) holds a space, a control character, \"=\" or a quote")
            }
            keys.append(key)
        }
        return keys
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
