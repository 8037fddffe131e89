extension LogSetup {
    /// One setting bootstrap chose from the environment, and what decided it.
    ///
    /// ```text
    /// format=lambda-json (AWS_LAMBDA_LOG_FORMAT=JSON; LOG_FORMAT=json not used: Lambda's variable wins)
    /// ```
    public struct Choice: Sendable, Hashable, CustomStringConvertible {
        /// The setting: `platform`, `format`, `level`, `loggers` or `output`.
        public let setting: String
        /// What was chosen, e.g. `lambda-json`.
        public let value: String
        /// What decided it, e.g. `AWS_LAMBDA_LOG_FORMAT=JSON`, `default`, `code`.
        public let source: String

        /// `setting=value (source)`.
        public var description: String { "\(setting)=\(value) (\(source))" }
    }
}
