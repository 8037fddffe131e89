/// Formats each record as one JSON object per line (JSON Lines).
///
/// ```json
/// {"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"payments","message":"charge created","amount":42}
/// ```
///
/// Keys come in a fixed order: ``Keys-swift.struct/timestamp`` (RFC 3339 UTC with
/// milliseconds), ``Keys-swift.struct/level``, ``Keys-swift.struct/logger``,
/// ``Keys-swift.struct/message``, the error object when the record has an error, the
/// static fields, then the record's fields (see ``LogRecord/forEachField(_:)``), and the
/// source location when enabled. Every key name can be changed.
///
/// The output is valid RFC 8259 JSON for every input:
/// - strings escape `"`, `\`, every control character, U+2028 and U+2029;
/// - numbers stay numbers; NaN and the infinities become the strings `"NaN"`,
///   `"Infinity"` and `"-Infinity"`;
/// - nesting deeper than ``maximumDepth`` is replaced by the string `"[too deep]"`;
/// - a field whose key equals one of the formatter's own keys is written as
///   `fields.<key>`, so no key appears twice;
/// - a line longer than ``lineLimit`` bytes has its message truncated and marked with
///   `…[truncated N bytes]`; if the fields alone exceed the limit, fields that do not fit
///   are left out and counted in a `logbook.dropped_fields` entry.
///
/// Formatting writes straight into the sink's reused buffer with no intermediate
/// strings, so a record with scalar fields formats without allocating.
public struct JSONFormatter: LogFormatter {
    /// The key names a ``JSONFormatter`` writes.
    public struct Keys: Sendable, Hashable {
        /// The timestamp key. Default `timestamp`.
        public var timestamp: String
        /// The level key. Default `level`.
        public var level: String
        /// The logger name key. Default `logger`.
        public var logger: String
        /// The message key. Default `message`.
        public var message: String
        /// The key of the error object. Default `error`.
        public var error: String
        /// The key of the error's type inside the error object. Default `type`.
        public var errorType: String
        /// The key of the error's description inside the error object. Default `message`.
        public var errorMessage: String
        /// The key of the source location object (`file`, `function`, `line`). Default `source`.
        public var source: String

        /// Creates key names; every parameter defaults to the standard name.
        public init(
            timestamp: String = "timestamp",
            level: String = "level",
            logger: String = "logger",
            message: String = "message",
            error: String = "error",
            errorType: String = "type",
            errorMessage: String = "message",
            source: String = "source"
        ) {
            self.timestamp = timestamp
            self.level = level
            self.logger = logger
            self.message = message
            self.error = error
            self.errorType = errorType
            self.errorMessage = errorMessage
            self.source = source
        }
    }

    /// The key names.
    public let keys: Keys
    /// The text written for each level. Default ``LogLevelNames/lowercase``.
    public let levelNames: LogLevelNames
    /// Fields written into every line after the error, before the record's fields, such
    /// as `service`, `env` and `version`. A record field with the same key wins.
    public let staticFields: LogFields
    /// When set, context fields are written as one object under this key instead of at
    /// the top level.
    public let contextKey: String?
    /// Whether to write the call site's file, function and line under ``Keys-swift.struct/source``.
    public let includesSourceLocation: Bool
    /// The longest line, in bytes without the newline. Default 16 KiB; at least 256.
    public let lineLimit: Int
    /// How deep arrays and objects in field values may nest. Default 32.
    public let maximumDepth: Int

    let layout: JSONLayout

    /// Creates a JSON formatter.
    ///
    /// - Parameters:
    ///   - keys: Key names; change them for a shipper's schema (`severity`, `status`, ...).
    ///   - levelNames: The text written for each level.
    ///   - staticFields: Fields written into every line (`service`, `env`, `version`).
    ///   - contextKey: Nest the task-local context under this key instead of writing its
    ///     fields at the top level.
    ///   - includesSourceLocation: Write the call site's file, function and line.
    ///   - lineLimit: The longest line in bytes; longer ones are truncated, staying valid.
    ///   - maximumDepth: How deep nested field values may go.
    public init(
        keys: Keys = Keys(),
        levelNames: LogLevelNames = .lowercase,
        staticFields: LogFields = [:],
        contextKey: String? = nil,
        includesSourceLocation: Bool = false,
        lineLimit: Int = 16 * 1024,
        maximumDepth: Int = 32
    ) {
        self.keys = keys
        self.levelNames = levelNames
        self.staticFields = staticFields.deduplicated()
        self.contextKey = contextKey
        self.includesSourceLocation = includesSourceLocation
        self.lineLimit = max(lineLimit, 256)
        self.maximumDepth = max(maximumDepth, 1)
        self.layout = JSONLayout(
            keys: keys, levelNames: levelNames, staticFields: self.staticFields, contextKey: contextKey,
            includesSourceLocation: includesSourceLocation)
    }

    /// Appends the JSON object for `record`, without a newline.
    public func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        let start = buffer.count
        let messageComplete = writeObject(
            record, into: &buffer, start: start, messageLimit: lineLimit, fieldBudget: nil)
        if messageComplete && buffer.count - start <= lineLimit { return }
        writeTruncated(record, into: &buffer, start: start)
    }

    /// Writes the whole object. The message is cut to `messageLimit` bytes (then marked).
    /// With a `fieldBudget`, fields that would push the line past it are left out.
    /// Returns whether the message was written whole.
    private func writeObject(
        _ record: LogRecord,
        into buffer: inout LogBuffer,
        start: Int,
        messageLimit: Int,
        fieldBudget: Int?
    ) -> Bool {
        buffer.append(contentsOf: layout.openTimestamp)
        buffer.appendRFC3339(record.timestamp, fractionDigits: 3)
        buffer.append(contentsOf: layout.levelKey)
        buffer.append(contentsOf: layout.levelValues[Int(record.level.rawValue)])
        buffer.append(contentsOf: layout.loggerKey)
        buffer.appendJSONString(record.logger)
        buffer.append(contentsOf: layout.messageKey)
        buffer.append(UInt8(ascii: "\""))
        let complete = buffer.appendJSONEscaped(record.message, limit: messageLimit)
        if !complete {
            buffer.append(contentsOf: JSONLayout.truncationMarker)
            buffer.appendDecimal(record.message.utf8.count)
            buffer.append(contentsOf: JSONLayout.truncationMarkerEnd)
        }
        buffer.append(UInt8(ascii: "\""))
        if let error = record.error {
            writeError(error, into: &buffer)
        }
        var dropped = 0
        for entry in staticFields.storage where record.field(entry.0) == nil {
            writeMember(
                entry.0, entry.1, record: record, into: &buffer, start: start, budget: fieldBudget, dropped: &dropped)
        }
        if let contextKey {
            record.forEachFieldExcludingContext { key, value in
                writeMember(
                    key, value, record: record, into: &buffer, start: start, budget: fieldBudget, dropped: &dropped)
            }
            if !record.context.isEmpty {
                let before = buffer.count
                buffer.append(UInt8(ascii: ","))
                buffer.appendJSONString(contextKey)
                buffer.append(contentsOf: JSONLayout.colonBrace)
                var first = true
                record.forEachContextField { key, value in
                    if !first { buffer.append(UInt8(ascii: ",")) }
                    first = false
                    buffer.appendJSONString(key)
                    buffer.append(UInt8(ascii: ":"))
                    if !buffer.appendJSONScalar(value) { writeValue(value.logValue, depth: 1, into: &buffer) }
                }
                buffer.append(UInt8(ascii: "}"))
                if let fieldBudget, buffer.count - start > fieldBudget {
                    buffer.truncate(to: before)
                    dropped += 1
                }
            }
        } else {
            record.forEachField { key, value in
                writeMember(
                    key, value, record: record, into: &buffer, start: start, budget: fieldBudget, dropped: &dropped)
            }
        }
        if includesSourceLocation {
            writeSource(record, into: &buffer)
        }
        if dropped > 0 {
            buffer.append(contentsOf: JSONLayout.droppedFieldsKey)
            buffer.appendDecimal(dropped)
        }
        buffer.append(UInt8(ascii: "}"))
        return complete
    }

    /// Rewrites an over-long line: first by shortening the message, then, if the fields
    /// alone are too long, by also leaving out fields that do not fit.
    private func writeTruncated(_ record: LogRecord, into buffer: inout LogBuffer, start: Int) {
        // Room for the truncation marker, the dropped-fields entry and the closing brace.
        let reserve = 96
        buffer.truncate(to: start)
        _ = writeObject(record, into: &buffer, start: start, messageLimit: 0, fieldBudget: nil)
        let withoutMessage = buffer.count - start
        buffer.truncate(to: start)
        if withoutMessage + reserve <= lineLimit {
            let messageLimit = lineLimit - withoutMessage - reserve
            _ = writeObject(record, into: &buffer, start: start, messageLimit: messageLimit, fieldBudget: nil)
            return
        }
        let messageLimit = lineLimit / 4
        _ = writeObject(
            record, into: &buffer, start: start, messageLimit: messageLimit, fieldBudget: lineLimit - reserve)
    }

    private func writeMember(
        _ key: String,
        _ value: any LogValueConvertible,
        record: LogRecord,
        into buffer: inout LogBuffer,
        start: Int,
        budget: Int?,
        dropped: inout Int
    ) {
        let before = buffer.count
        buffer.append(UInt8(ascii: ","))
        if layout.isReserved(key) {
            buffer.appendJSONString(layout.renamedKey(for: key, record: record))
        } else {
            buffer.appendJSONString(key)
        }
        buffer.append(UInt8(ascii: ":"))
        if !buffer.appendJSONScalar(value) { writeValue(value.logValue, depth: 1, into: &buffer) }
        if let budget, buffer.count - start > budget {
            buffer.truncate(to: before)
            dropped += 1
        }
    }

    func writeValue(_ value: LogValue, depth: Int, into buffer: inout LogBuffer) {
        switch value {
        case .string(let string):
            buffer.appendJSONString(string)
        case .int(let int):
            buffer.appendDecimal(int)
        case .double(let double):
            buffer.appendJSONNumber(double)
        case .bool(let bool):
            buffer.append(contentsOf: bool ? JSONLayout.trueLiteral : JSONLayout.falseLiteral)
        case .null:
            buffer.append(contentsOf: JSONLayout.nullLiteral)
        case .array(let elements):
            guard depth < maximumDepth else {
                buffer.append(contentsOf: JSONLayout.tooDeep)
                return
            }
            buffer.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                writeValue(element, depth: depth + 1, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let fields):
            guard depth < maximumDepth else {
                buffer.append(contentsOf: JSONLayout.tooDeep)
                return
            }
            buffer.append(UInt8(ascii: "{"))
            let unique = fields.deduplicated()
            for (index, entry) in unique.storage.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.appendJSONString(entry.0)
                buffer.append(UInt8(ascii: ":"))
                writeValue(entry.1.logValue, depth: depth + 1, into: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    private func writeError(_ error: any Error, into buffer: inout LogBuffer) {
        buffer.append(contentsOf: layout.errorOpen)
        buffer.appendJSONString(ErrorDescription.typeName(of: error))
        buffer.append(contentsOf: layout.errorMessageKey)
        buffer.appendJSONString(ErrorDescription.message(of: error))
        buffer.append(UInt8(ascii: "}"))
    }

    private func writeSource(_ record: LogRecord, into buffer: inout LogBuffer) {
        buffer.append(contentsOf: layout.sourceOpen)
        buffer.appendJSONString(record.file)
        buffer.append(contentsOf: JSONLayout.functionKey)
        buffer.appendJSONString(record.function)
        buffer.append(contentsOf: JSONLayout.lineKey)
        buffer.appendDecimal(Int(clamping: record.line))
        buffer.append(UInt8(ascii: "}"))
    }
}
