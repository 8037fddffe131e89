import Logbook

/// The criteria of ``LogCapture/contains(level:message:logger:fields:)`` and the
/// expectations: each given criterion must hold; fields are a subset match on typed values.
struct RecordQuery {
    var level: LogLevel?
    var message: String?
    var logger: String?
    var fields: LogFields

    func matches(_ record: LogRecord) -> Bool {
        (level == nil || record.level == level)
            && (message == nil || record.message == message)
            && (logger == nil || record.logger == logger)
            && fields.allSatisfy { key, expected in record.field(key)?.logValue == expected.logValue }
    }

    /// The criteria as written in a failure message: `level=error message="charge failed"`.
    var description: String {
        var parts: [String] = []
        if let level { parts.append("level=\(level)") }
        if let message { parts.append("message=" + quoted(message)) }
        if let logger { parts.append("logger=\(logger)") }
        if !fields.isEmpty { parts.append("fields=" + Self.describe(fields)) }
        return parts.isEmpty ? "any record" : parts.joined(separator: " ")
    }

    /// `error payments: "charge failed" {amount=42, currency="EUR"}`.
    static func describe(_ record: LogRecord) -> String {
        var line = "\(record.level) \(record.logger): " + quoted(record.message)
        let fields = record.mergedFields
        if !fields.isEmpty { line += " " + describe(fields) }
        return line
    }

    static func describe(_ fields: LogFields) -> String {
        "{" + fields.map { "\($0.key)=" + describe($0.value.logValue) }.joined(separator: ", ") + "}"
    }

    /// Values with their type visible: strings quoted, so `42` and `"42"` differ.
    static func describe(_ value: LogValue) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .int, .double, .bool, .null: value.description
        case .array(let values): "[" + values.map(describe).joined(separator: ", ") + "]"
        case .object(let fields): describe(fields)
        }
    }
}
