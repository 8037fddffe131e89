extension LogEnvironment {
    /// The keys listed in `variable` (`ssn,card_number`); none when it is unset or empty.
    ///
    /// - Throws: ``LogEnvironmentError`` when an entry is empty or holds a space, a
    ///   control character, `=` or `"`.
    func parseRedactKeys(_ variable: String) throws(LogEnvironmentError) -> [String] {
        guard let text = value(of: variable) else { return [] }
        var keys: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let key = String(part).trimmingSpaces()
            let problem: String?
            if key.isEmpty {
                problem = "the list has an empty entry"
            } else if key.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == 0x3D || $0 == 0x22 }) {
                problem = "\(quoted(key)) holds a space, a control character, \"=\" or a quote"
            } else {
                problem = nil
            }
            if let problem {
                throw LogEnvironmentError(
                    variable: variable, value: variables[variable] ?? text, problem: problem,
                    expected: "comma-separated field keys, such as ssn,card_number")
            }
            keys.append(key)
        }
        return keys
    }
}
