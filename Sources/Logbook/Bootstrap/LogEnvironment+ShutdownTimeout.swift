extension LogEnvironment {
    /// What `LOG_SHUTDOWN_TIMEOUT` accepts, for error messages.
    static let shutdownTimeoutForm =
        "a duration: a non-negative number followed by ms or s, such as 500ms or 5s "
        + "(a bare number is seconds), at most 1 day"

    /// `500ms`, `5s`, `2.5s` or `2.5` (seconds); `nil` for anything else, negative or
    /// non-finite numbers included.
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

    /// The shutdown timeout and what decided it, or `nil` when neither code nor the
    /// variable sets one.
    func chooseShutdownTimeout(_ fromVariable: Duration?) -> (value: Duration, source: String)? {
        if let shutdownTimeout { return (shutdownTimeout, "code") }
        if let fromVariable, let text = value(of: "LOG_SHUTDOWN_TIMEOUT") {
            return (fromVariable, "LOG_SHUTDOWN_TIMEOUT=\(text)")
        }
        return nil
    }
}
