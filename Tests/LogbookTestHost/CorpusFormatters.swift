import Logbook

/// The formatters the bad-input corpus runs through, and how each line is checked by
/// `.ci/sinks/check_corpus.py`. Add a formatter here with one line.
enum CorpusFormatters {
    static let all: [CorpusFormatter] = [
        .json("json", JSONFormatter()),
        .json("json-context", JSONFormatter(contextKey: "context", includesSourceLocation: true, lineLimit: 4096)),
        .text("console", ConsoleFormatter(colors: .never)),
        .logfmt("logfmt-helpers", LogfmtHelpersFormatter(), headerKeys: ["level", "logger", "msg"]),
        .syslog("syslog", SyslogFormatter(appName: "corpus", hostname: "host", processID: "1")),
        // Issue 4 (logfmt and AWS Lambda formatters), once merged, adds e.g.:
        // .logfmt("logfmt", LogfmtFormatter(), headerKeys: ["time", "level", "logger", "msg"]),
        // .json("lambda-json", LambdaJSONFormatter()),
        // .text("lambda-text", LambdaTextFormatter()),
    ]
}

/// One formatter in the corpus run and the syntax its lines are checked against.
struct CorpusFormatter {
    enum Syntax: String {
        /// Every line parses with Python's `json` (no NaN), no duplicate keys, and every
        /// field key is present (reserved ones as `fields.<key>`) unless fields were dropped.
        case json
        /// Every line splits into `key=value` pairs whose keys are `headerKeys` plus the
        /// record's flattened field keys.
        case logfmt
        /// One line of valid UTF-8 without control characters.
        case text
        /// RFC 5424: header, one well-formed structured-data element, message.
        case syslog
    }

    let name: String
    let syntax: Syntax
    let formatter: any LogFormatter
    var headerKeys: [String] = []

    static func json(_ name: String, _ formatter: any LogFormatter) -> Self {
        Self(name: name, syntax: .json, formatter: formatter)
    }

    static func logfmt(_ name: String, _ formatter: any LogFormatter, headerKeys: [String]) -> Self {
        Self(name: name, syntax: .logfmt, formatter: formatter, headerKeys: headerKeys)
    }

    static func text(_ name: String, _ formatter: any LogFormatter) -> Self {
        Self(name: name, syntax: .text, formatter: formatter)
    }

    static func syslog(_ name: String, _ formatter: any LogFormatter) -> Self {
        Self(name: name, syntax: .syslog, formatter: formatter)
    }
}

/// A minimal logfmt layout over the core's logfmt helpers (`level=… logger=… msg=…`
/// then fields), so the corpus exercises those helpers until the real logfmt formatter
/// lands.
struct LogfmtHelpersFormatter: LogFormatter {
    func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        buffer.append("level=")
        buffer.append(record.level.name)
        buffer.append(" logger=")
        buffer.appendLogfmtValue(record.logger)
        buffer.append(" msg=")
        buffer.appendLogfmtValue(record.message)
        record.forEachField { key, value in
            let name = ["level", "logger", "msg"].contains(key) ? "fields." + key : key
            buffer.appendLogfmtFieldForCorpus(name, value.logValue)
        }
    }
}

extension LogBuffer {
    /// ` key=value` pairs, flattening objects and arrays to dotted keys (as the core's
    /// console formatter does, to depth 8).
    mutating func appendLogfmtFieldForCorpus(_ key: String, _ value: LogValue, depth: Int = 8) {
        switch value {
        case .object(let fields) where !fields.isEmpty && depth > 0:
            for entry in fields.deduplicated() {
                appendLogfmtFieldForCorpus(key + "." + entry.key, entry.value.logValue, depth: depth - 1)
            }
        case .array(let elements) where !elements.isEmpty && depth > 0:
            for (index, element) in elements.enumerated() {
                appendLogfmtFieldForCorpus(key + "." + String(index), element, depth: depth - 1)
            }
        default:
            append(" ")
            appendLogfmtKey(key)
            append("=")
            switch value {
            case .string(let text): appendLogfmtValue(text)
            case .int(let int): appendDecimal(int)
            case .double(let double): appendLogfmtValue(double.description)
            case .bool(let bool): append(bool ? "true" : "false")
            case .null: append("null")
            case .array(let elements): append(elements.isEmpty && depth > 0 ? "[]" : "\"[too deep]\"")
            case .object(let fields): append(fields.isEmpty && depth > 0 ? "{}" : "\"[too deep]\"")
            }
        }
    }
}
