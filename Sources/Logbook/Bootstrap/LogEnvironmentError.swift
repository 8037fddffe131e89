/// An environment variable whose value is not accepted. Its description names the variable,
/// the value and what is accepted:
/// `LOG_FORMAT="xml" is invalid; expected one of: json, logfmt, console, lambda-text, lambda-json`.
public struct LogEnvironmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The variable, e.g. `LOG_LEVEL`.
    public let variable: String
    /// Its value, exactly as set.
    public let value: String
    /// What was wrong with part of the value, when the value has parts (`LOG_LEVELS`).
    public let problem: String?
    /// What the variable accepts.
    public let expected: String

    /// Creates the error for a rejected value, e.g. to compare with one that was thrown.
    public init(variable: String, value: String, problem: String? = nil, expected: String) {
        self.variable = variable
        self.value = value
        self.problem = problem
        self.expected = expected
    }

    /// `VARIABLE="value" is invalid[: problem]; expected …`.
    public var description: String {
        var text = "\(variable)=\(quoted(value)) is invalid"
        if let problem { text += ": " + problem }
        return text + "; expected " + expected
    }
}
