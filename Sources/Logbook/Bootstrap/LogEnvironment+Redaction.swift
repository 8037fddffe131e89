extension LogEnvironment {
    /// The keys listed in `variable` (`ssn,card_number`); none when it is unset or empty.
    ///
    /// - Throws: ``LogEnvironmentError`` when an entry is empty or holds a space, a
    ///   control character, `=` or `"`.
    func parseRedactKeys(_ variable: String) throws(LogEnvironmentError) -> [String] {
        guard let text = value(of: variable) else { return [] }
        func failure(_ problem: String) -> LogEnvironmentError {
            LogEnvironmentError(
                variable: variable, value: variables[variable] ?? text, problem: problem,
                expected: "comma-separated field keys, such as ssn,card_number")
        }
        var keys: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let key = String(part).trimmingSpaces()
            if key.isEmpty { throw failure("the list has an empty entry") }
            if key.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == 0x3D || $0 == 0x22 }) {
                throw failure("\(quoted(key)) holds a space, a control character, \"=\" or a quote")
            }
            keys.append(key)
        }
        return keys
    }
}
