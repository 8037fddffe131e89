/// Formats records as logfmt: one line of space-separated `key=value` pairs.
///
/// ```text
/// time=2024-08-06T11:54:56.789Z level=info logger=payments msg="charge created" amount=42 currency=EUR
/// ```
///
/// Loki's, Vector's and Go's logfmt parsers read every line back exactly, and no key appears
/// twice; the Formats guide (<doc:Formats>) gives the pair order and the quoting, escaping,
/// flattening and key rules.
public struct LogfmtFormatter: LogFormatter {
    let levelNames: LogLevelNames
    package let includesSourceLocation: Bool
    /// The longest line in bytes (at least 64); longer ones are cut and marked (see
    /// ``LogFormatter/formatLine(_:into:)``). Default 64 KiB.
    public let lineLimit: Int

    private let fieldWriter: LogfmtFieldWriter

    /// Creates a logfmt formatter.
    ///
    /// - Parameters:
    ///   - levelNames: The text written for each level.
    ///   - includesSourceLocation: Whether to append the call site as `source=File.swift:42`.
    ///   - maximumDepth: How deep arrays and objects in field values are flattened.
    ///   - lineLimit: The longest line in bytes; see ``lineLimit``.
    public init(
        levelNames: LogLevelNames = .lowercase,
        includesSourceLocation: Bool = false,
        maximumDepth: Int = 8,
        lineLimit: Int = 64 * 1024
    ) {
        self.lineLimit = max(lineLimit, 64)
        self.levelNames = levelNames
        self.includesSourceLocation = includesSourceLocation
        var keys = ["time", "level", "logger", "msg", "error", "error.type", "error.message"]
        if includesSourceLocation { keys.append("source") }
        self.fieldWriter = LogfmtFieldWriter(reserved: KeySet(keys), maximumDepth: max(maximumDepth, 0))
    }

    /// Appends the logfmt line for `record`.
    public func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        let start = buffer.count
        var omitted = 0
        defer { buffer.cutLine(from: start, limit: lineLimit, omitted: omitted) }
        buffer.append(word: 0x3D_656D_6974, count: 5)  // `time=`, and below ` level=`, ` logger=`, ` msg=`
        buffer.appendRFC3339(record.timestamp, fractionDigits: 3)
        buffer.append(word: 0x3D_6C65_7665_6C20, count: 7)
        buffer.appendLogfmtValue(levelNames[record.level])
        buffer.append(word: 0x3D72_6567_676F_6C20, count: 8)
        buffer.appendLogfmtValue(record.logger)
        buffer.append(word: 0x3D_6773_6D20, count: 5)
        buffer.appendLogfmtValue(record.message)
        if let error = record.error { buffer.appendLogfmtError(error) }
        record.withFieldList {
            omitted = fieldWriter.append($0, of: record, into: &buffer, lineStart: start, lineLimit: lineLimit)
        }
        if includesSourceLocation {
            buffer.appendLogfmtPair("source", .string(record.file + ":" + String(record.line)))
        }
    }
}
