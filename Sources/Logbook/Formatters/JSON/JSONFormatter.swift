/// Formats each record as one JSON object per line (JSON Lines).
///
/// ```json
/// {"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"payments","message":"charge created","amount":42}
/// ```
///
/// Members come in a fixed order: the header (see ``headerOrder``), the error, the static
/// fields, the record's fields (see ``LogRecord/forEachField(_:)``), then the source
/// location when enabled. Every key can be renamed; the presets
/// ``elasticCommonSchema(service:version:environment:ecsVersion:includesSourceLocation:)``,
/// ``googleCloudLogging(service:version:environment:project:includesSourceLocation:)`` and
/// ``datadog(service:environment:version:includesSourceLocation:)`` follow each shipper's
/// schema, trace context (`trace_id`, `span_id`, `trace_flags` from a ``LogFieldProvider``)
/// included; this formatter writes those fields as they are.
///
/// The output is valid RFC 8259 JSON for every input:
/// - strings escape `"`, `\`, every control character, U+2028 and U+2029;
/// - NaN and the infinities become the strings `"NaN"`, `"Infinity"` and `"-Infinity"`;
/// - nesting deeper than ``maximumDepth`` becomes the string `"[too deep]"`;
/// - no key appears twice: a field named like one of the formatter's keys is written as
///   `fields.<key>`; a flattened error key equal to a header key as `<error>.<key>`
///   (`error.message`), any other repeat among the formatter's own keys as `fields.<key>`;
/// - a line never exceeds ``lineLimit``: first the message is cut and marked
///   `…[truncated N bytes]` (N: its length before the cut); if that is not enough, the
///   logger name, the error's texts, promoted and source values are cut the same way, and
///   the stack trace and fields that do not fit are left out and counted in
///   `logbook.dropped_fields`.
///
/// A record with scalar fields formats without allocating. See the Formats guide.
public struct JSONFormatter: LogFormatter {
    /// The key names.
    public var keys: Keys { layout.settings.keys }
    /// The order of the header members; members left out are not written. Default
    /// ``defaultHeaderOrder``.
    public var headerOrder: [HeaderMember] { layout.settings.headerOrder }
    /// The text written for each level. Default ``LogLevelNames/lowercase``.
    public var levelNames: LogLevelNames { layout.settings.levelNames }
    /// Where the error goes. Default ``ErrorLayout-swift.enum/nested``.
    public var errorLayout: ErrorLayout { layout.settings.errorLayout }
    /// Fields written into every line after the error, such as `service`, `env` and
    /// `version`. A record field with the same key wins.
    public var staticFields: LogFields { layout.settings.staticFields }
    /// When set, context fields are written as one object under this key.
    public var contextKey: String? { layout.settings.contextKey }
    /// Whether to write the call site's file, function and line. Default `false`.
    public var includesSourceLocation: Bool { layout.settings.includesSourceLocation }
    /// How the call site is written. Default ``SourceLocationLayout-swift.struct/standard``.
    public var sourceLocationLayout: SourceLocationLayout { layout.settings.sourceLocationLayout }
    /// The longest line, in bytes without the newline. Default 16 KiB; at least 1,024
    /// (room for the header, a capped error and the truncation markers, so every record fits),
    /// and more when very long keys would not fit in it.
    public var lineLimit: Int { layout.settings.lineLimit }
    /// How deep arrays and objects in field values may nest. Default 32.
    public var maximumDepth: Int { layout.settings.maximumDepth }

    /// `timestamp`, `level`, `logger`, `message`.
    public static let defaultHeaderOrder: [HeaderMember] = [.timestamp, .level, .logger, .message]

    let layout: JSONLayout

    /// Creates a JSON formatter; each parameter sets the property of the same name.
    public init(
        keys: Keys = Keys(),
        headerOrder: [HeaderMember] = JSONFormatter.defaultHeaderOrder,
        levelNames: LogLevelNames = .lowercase,
        errorLayout: ErrorLayout = .nested,
        staticFields: LogFields = [:],
        contextKey: String? = nil,
        includesSourceLocation: Bool = false,
        sourceLocationLayout: SourceLocationLayout = .standard,
        lineLimit: Int = 16 * 1024,
        maximumDepth: Int = 32
    ) {
        self.init(
            Settings(
                keys: keys, headerOrder: headerOrder, levelNames: levelNames, errorLayout: errorLayout,
                staticFields: staticFields, contextKey: contextKey, includesSourceLocation: includesSourceLocation,
                sourceLocationLayout: sourceLocationLayout, lineLimit: lineLimit, maximumDepth: maximumDepth))
    }

    /// The public settings plus those only Logbook's own formatters use.
    struct Settings: Sendable {
        var keys: Keys
        var headerOrder: [HeaderMember]
        var levelNames: LogLevelNames
        var errorLayout: ErrorLayout
        var staticFields: LogFields
        var contextKey: String?
        var includesSourceLocation: Bool
        var sourceLocationLayout: SourceLocationLayout
        var lineLimit: Int
        var maximumDepth: Int
        var promotedFields: [JSONLayout.PromotedField] = []
        var writesStackTraceAsArray = false
        var traceKeys = TraceKeys.openTelemetry
    }

    init(_ settings: Settings) {
        layout = JSONLayout(settings)
    }

    /// This formatter with `change` made to its settings.
    func with(_ change: (inout Settings) -> Void) -> JSONFormatter {
        var settings = layout.settings
        change(&settings)
        return JSONFormatter(settings)
    }

    /// This formatter with `fields` added to its static fields (theirs win on a repeated key).
    public func addingStaticFields(_ fields: LogFields) -> JSONFormatter {
        with { $0.staticFields = $0.staticFields.merging(fields) }
    }

    /// Appends the JSON object for `record`, without a newline.
    public func format(_ record: LogRecord, into buffer: inout LogBuffer) {
        let start = buffer.count
        writeObject(record, into: &buffer)
        if buffer.count - start > lineLimit { writeTruncated(record, into: &buffer, start: start) }
    }

    /// Rewrites an over-long line in passes that each give up more: the message shortened;
    /// every text capped, the stack trace and fields that do not fit left out; the header only.
    private func writeTruncated(_ record: LogRecord, into buffer: inout LogBuffer, start: Int) {
        // Room for the truncation marker, the dropped-fields entry and the closing brace.
        let reserve = 96
        buffer.truncate(to: start)
        writeObject(record, into: &buffer, messageLimit: 0)
        let withoutMessage = buffer.count - start
        buffer.truncate(to: start)
        if withoutMessage + reserve <= lineLimit {
            writeObject(record, into: &buffer, messageLimit: lineLimit - withoutMessage - reserve)
            // Longer only when a value read again came out longer (computed from a clock
            // or shared state): then the passes below, which check each part.
            if buffer.count - start <= lineLimit { return }
            buffer.truncate(to: start)
        }
        let cappedText = lineLimit / 16
        // The call site comes after the fields: keep room for it, as capped.
        var sourceLength = 0
        if includesSourceLocation {
            writeSource(record, limit: cappedText, into: &buffer)
            sourceLength = buffer.count - start
            buffer.truncate(to: start)
        }
        writeObject(
            record, into: &buffer, messageLimit: lineLimit / 4, textLimit: cappedText,
            fieldBudget: lineLimit - reserve - sourceLength)
        if buffer.count - start <= lineLimit { return }
        // Still too long (many promoted or static keys on a short limit): header only.
        buffer.truncate(to: start)
        writeObject(record, into: &buffer, messageLimit: 0, textLimit: JSONLayout.minimalTextLimit, fieldBudget: 0)
    }
}
