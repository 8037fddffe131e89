/// Formats records exactly as AWS Lambda's runtimes write their default text logs:
///
/// ```text
/// [INFO]	2024-08-06T11:54:56.789Z	79b4f56e-95b1-4643-9700-2807f4e68189	Hello from Lambda!
/// ```
///
/// The request id is the record's `requestId` field, bound by
/// ``LogContext/withLambdaInvocation(_:operation:)-djzv``. The Formats guide (<doc:Formats>) gives the
/// level names, how line breaks, tabs and control characters are written, and the fields that follow.
public struct LambdaTextFormatter: LogFormatter {
    let levelNames: LogLevelNames
    let appendsFields: Bool
    private(set) var staticFields: LogFields
    /// The longest line in bytes (at least 64); longer ones are cut and marked (see
    /// ``LogFormatter/formatLine(_:into:)``). Default 64 KiB.
    public let lineLimit: Int

    private let fieldWriter: LogfmtFieldWriter

    /// Creates a Lambda text formatter.
    ///
    /// - Parameters:
    ///   - levelNames: The text written between the brackets for each level.
    ///   - appendsFields: Whether static and record fields follow the message as logfmt pairs.
    ///   - staticFields: Fields appended to every line (with `appendsFields`), such as
    ///     ``LambdaFunction/fields``. A record field with the same key wins.
    ///   - maximumDepth: How deep appended arrays and objects are flattened.
    ///   - lineLimit: The longest line in bytes; see ``lineLimit``.
    public init(
        levelNames: LogLevelNames = .uppercase,
        appendsFields: Bool = true,
        staticFields: LogFields = [:],
        maximumDepth: Int = 8,
        lineLimit: Int = 64 * 1024
    ) {
        self.lineLimit = max(lineLimit, 64)
        self.levelNames = levelNames
        self.appendsFields = appendsFields
        self.staticFields = staticFields.deduplicated()
        self.fieldWriter = LogfmtFieldWriter(
            reserved: KeySet(["error", "error.type", "error.message"]),
            skipped: KeySet([LambdaInvocation.requestIDKey, LambdaInvocation.traceIDKey]),
            maximumDepth: max(maximumDepth, 0))
    }

    /// This formatter with `fields` added to its static fields.
    public func addingStaticFields(_ fields: LogFields) -> LambdaTextFormatter {
        var copy = self
        copy.staticFields = staticFields.merging(fields)  // deduplicated, as the initializer keeps them
        return copy
    }

    /// Appends the line for `record`.
    public func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        let start = buffer.count
        var omitted = 0
        defer { buffer.cutLine(from: start, limit: lineLimit, omitted: omitted) }
        buffer.append(UInt8(ascii: "["))
        buffer.append(levelNames[record.level])
        buffer.append(word: 0x095D, count: 2)  // `]\t`
        buffer.appendRFC3339(record.timestamp, fractionDigits: 3)
        buffer.append(UInt8(ascii: "\t"))
        record.withFieldList(staticFields: appendsFields ? staticFields.entries : .init(start: nil, count: 0)) {
            fields in
            if let index = fields.firstIndex(of: LambdaInvocation.requestIDKey, from: fields.staticCount) {
                let requestID = LogValue.written(fields[index].value).description  // a string as it is
                Self.appendField(requestID, replacingTabs: true, into: &buffer)
            }
            buffer.append(UInt8(ascii: "\t"))
            Self.appendField(record.message, replacingTabs: false, into: &buffer)
            if let error = record.error { buffer.appendLogfmtError(error) }
            if appendsFields {
                omitted = fieldWriter.append(fields, of: record, into: &buffer, lineStart: start, lineLimit: lineLimit)
            }
        }
    }

    /// Appends `text` for one tab-separated field: a line break (`\n` or `\r\n`) becomes one
    /// carriage return, tabs are kept, or with `replacingTabs` both become spaces (so the text cannot
    /// shift the fields after it). Every other character of ``ObeyedCharacters`` is escaped as
    /// ``LogBuffer/appendSingleLine(_:)`` escapes it.
    private static func appendField(_ text: String, replacingTabs: Bool, into buffer: inout LogBuffer) {
        LogBuffer.withUTF8(of: text) { utf8 in
            buffer.appendEscaping(utf8, delimiters: (0, 0, 0)) { buffer, index, length in
                let byte = utf8[index]
                let isCRLF = byte == 0x0D && index + 1 < utf8.count && utf8[index + 1] == 0x0A
                guard byte == 0x09 || byte == 0x0A || isCRLF else {
                    buffer.appendTextEscape(utf8, at: index, length: length)
                    return length
                }
                buffer.append(replacingTabs ? UInt8(ascii: " ") : byte == 0x09 ? byte : 0x0D)
                return isCRLF ? 2 : 1
            }
        }
    }
}
