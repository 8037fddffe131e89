import Logbook

/// The formatters the bad-input corpus runs through, and how each line is checked by
/// `.ci/sinks/check_corpus.py`. Add a formatter here with one line.
enum CorpusFormatters {
    static let all: [CorpusFormatter] = [
        .json("json", JSONFormatter()),
        .json("json-context", JSONFormatter(contextKey: "context", includesSourceLocation: true, lineLimit: 4096)),
        .text("console", ConsoleFormatter(colors: .never)),
        .logfmt(
            "logfmt", LogfmtFormatter(), headerKeys: ["time", "level", "logger", "msg"],
            errorKeys: ["error.type", "error.message"], reservedKeys: ["error"]),
        .syslog("syslog", SyslogFormatter(appName: "corpus", hostname: "host", processID: "1")),
        .json("lambda-json", LambdaJSONFormatter()),
        .lambdaText("lambda-text", LambdaTextFormatter()),
    ]
}

/// One formatter in the corpus run and the syntax its lines are checked against.
struct CorpusFormatter {
    enum Syntax: String {
        /// Every line parses with Python's `json` (no NaN), no duplicate keys, and every
        /// field key is present (reserved ones as `fields.<key>`) unless fields were dropped.
        case json
        /// Every line splits into `key=value` pairs with distinct keys: `headerKeys`, then
        /// the record's flattened field keys, each moved aside with `fields.` when it
        /// repeats an earlier one.
        case logfmt
        /// One line of valid UTF-8 without control characters.
        case text
        /// Lambda's `[LEVEL]<TAB>time<TAB>request id<TAB>message`: tabs and carriage
        /// returns belong to the format, line feeds never appear.
        case lambdaText = "lambda-text"
        /// RFC 5424: header, one well-formed structured-data element, message.
        case syslog
    }

    let name: String
    let syntax: Syntax
    let formatter: any LogFormatter
    /// Keys every line starts with.
    var headerKeys: [String] = []
    /// Keys written after the header when the record has an error.
    var errorKeys: [String] = []
    /// Every key the formatter writes itself; a field with one of them is expected as
    /// `fields.<key>`, prefixed again until it is distinct.
    var reservedKeys: [String] = []

    static func json(_ name: String, _ formatter: any LogFormatter) -> Self {
        Self(name: name, syntax: .json, formatter: formatter)
    }

    static func logfmt(
        _ name: String,
        _ formatter: any LogFormatter,
        headerKeys: [String],
        errorKeys: [String] = [],
        reservedKeys: [String] = []
    ) -> Self {
        Self(
            name: name, syntax: .logfmt, formatter: formatter, headerKeys: headerKeys, errorKeys: errorKeys,
            reservedKeys: headerKeys + errorKeys + reservedKeys)
    }

    static func text(_ name: String, _ formatter: any LogFormatter) -> Self {
        Self(name: name, syntax: .text, formatter: formatter)
    }

    static func lambdaText(_ name: String, _ formatter: any LogFormatter) -> Self {
        Self(name: name, syntax: .lambdaText, formatter: formatter)
    }

    static func syslog(_ name: String, _ formatter: any LogFormatter) -> Self {
        Self(name: name, syntax: .syslog, formatter: formatter)
    }
}
