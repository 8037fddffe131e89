/// Formats each record as one JSON object per line (JSON Lines).
///
/// ```json
/// {"timestamp":"2024-08-06T11:54:56.789Z","level":"info","logger":"payments","message":"charge created","amount":42}
/// ```
///
/// The output is valid RFC 8259 JSON for every input, no key appears twice, and a line never
/// exceeds ``lineLimit``; the Formats guide (<doc:Formats>) gives the member order, the escapes,
/// and what is cut and left out of a longer line. A record with scalar fields formats without
/// allocating. Every key can be renamed; the presets
/// ``elasticCommonSchema(service:version:environment:ecsVersion:includesSourceLocation:)``,
/// ``googleCloudLogging(service:version:environment:project:includesSourceLocation:)`` and
/// ``datadog(service:environment:version:includesSourceLocation:)`` follow each shipper's
/// schema, trace context (`trace_id`, `span_id`, `trace_flags` from a ``LogFieldProvider``)
/// included; this formatter writes those fields as they are.
public struct JSONFormatter: LogFormatter {
    // Not public: the tests read these back; a user reads the lines the formatter writes.
    package var headerOrder: [HeaderMember] { layout.settings.headerOrder }
    package var contextKey: String? { layout.settings.contextKey }
    package var includesSourceLocation: Bool { layout.settings.includesSourceLocation }
    /// The longest line, in bytes without the newline. Default 16 KiB; at least 1,024
    /// (room for the header, a capped error and the truncation markers, so every record fits),
    /// and more when very long keys would not fit in it.
    public var lineLimit: Int { layout.settings.lineLimit }

    @usableFromInline
    package static let defaultHeaderOrder: [HeaderMember] = [.timestamp, .level, .logger, .message]

    let layout: JSONLayout
    var maximumDepth: Int { layout.settings.maximumDepth }

    /// Creates a JSON formatter.
    ///
    /// - Parameters:
    ///   - keys: The key names.
    ///   - headerOrder: The order of the header members; members left out are not written, a
    ///     repeated one is written once, and an empty order is the default one: `timestamp`,
    ///     `level`, `logger`, `message`.
    ///   - levelNames: The text written for each level. Default ``LogLevelNames/lowercase``.
    ///   - errorLayout: Where the error goes. Default ``ErrorLayout-swift.enum/nested``.
    ///   - staticFields: Fields written into every line after the error, such as `service`,
    ///     `env` and `version`. A record field with the same key wins.
    ///   - contextKey: When set, context fields are written as one object under this key.
    ///   - includesSourceLocation: Whether to write the call site's file, function and line.
    ///   - sourceLocationLayout: How the call site is written.
    ///   - lineLimit: The longest line, in bytes without the newline; see ``lineLimit``.
    ///   - maximumDepth: How deep arrays and objects in field values may nest.
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

    /// The key names a ``JSONFormatter`` writes. The error's type, message and stack trace
    /// keys are inside the error object, or top-level with ``ErrorLayout-swift.enum/flattened``.
    public struct Keys: Sendable, Hashable {
        /// The timestamp key. Default `timestamp`.
        public var timestamp: String
        /// The level key. Default `level`.
        public var level: String
        /// The logger name key. Default `logger`.
        public var logger: String
        /// The message key. Default `message`.
        public var message: String
        /// The key of the error object (with ``ErrorLayout-swift.enum/nested``). Default `error`.
        public var error: String
        /// The key of the error's type. Default `type`.
        public var errorType: String
        /// The key of the error's description. Default `message`.
        public var errorMessage: String
        /// The key of the error's stack trace, written only when the error provides one
        /// (see ``StackTraceProviding``). Default `stack_trace`.
        public var stackTrace: String
        /// The key of the nested source location object. Default `source`.
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
            source: String = "source",
            stackTrace: String = "stack_trace"
        ) {
            self.timestamp = timestamp
            self.level = level
            self.logger = logger
            self.message = message
            self.error = error
            self.errorType = errorType
            self.errorMessage = errorMessage
            self.source = source
            self.stackTrace = stackTrace
        }
    }

    /// The four members every line starts with, in the order given by `headerOrder`.
    public enum HeaderMember: Sendable, Hashable, CaseIterable {
        /// The record's time, RFC 3339 UTC with milliseconds.
        case timestamp
        /// The record's level, as named by `levelNames`.
        case level
        /// The logger's dotted name.
        case logger
        /// The message, truncated when the line would exceed ``lineLimit``.
        case message
    }

    /// Where the error's type, description and stack trace go.
    public enum ErrorLayout: Sendable, Hashable {
        /// One object under ``Keys-swift.struct/error``: `"error":{"type":"…","message":"…"}`.
        case nested
        /// Top-level members, such as Elastic's `"error.type":"…","error.message":"…"`.
        case flattened
    }

    /// How the call site is written when `includesSourceLocation` is on.
    ///
    /// ```swift
    /// // "logging.googleapis.com/sourceLocation":{"file":"App/Main.swift","function":"run()","line":"42"}
    /// JSONFormatter.SourceLocationLayout(nestedUnder: "logging.googleapis.com/sourceLocation", lineAsString: true)
    /// // "log.origin.file.name":"App/Main.swift","log.origin.function":"run()","log.origin.file.line":42
    /// JSONFormatter.SourceLocationLayout(
    ///     flattenedFile: "log.origin.file.name", function: "log.origin.function", line: "log.origin.file.line")
    /// ```
    public struct SourceLocationLayout: Sendable, Hashable {
        var objectKey: String?
        package var file: String
        package var function: String
        package var line: String
        var lineAsString: Bool

        /// Members in one object under `objectKey`; `nil` uses ``Keys-swift.struct/source``.
        ///
        /// - Parameters:
        ///   - objectKey: The key of the object holding the members.
        ///   - file: The key of the file (`#fileID`).
        ///   - function: The key of the function.
        ///   - line: The key of the line number.
        ///   - lineAsString: Whether the line is written as a string (`"42"`), as Google Cloud's
        ///     `LogEntrySourceLocation` does for its 64-bit `line`.
        public init(
            nestedUnder objectKey: String? = nil,
            file: String = "file",
            function: String = "function",
            line: String = "line",
            lineAsString: Bool = false
        ) {
            self.objectKey = objectKey
            self.file = file
            self.function = function
            self.line = line
            self.lineAsString = lineAsString
        }

        /// Top-level members with the given keys.
        public init(flattenedFile file: String, function: String, line: String, lineAsString: Bool = false) {
            self.init(file: file, function: function, line: line, lineAsString: lineAsString)
            isNested = false
        }

        private(set) var isNested = true

        /// `"source":{"file":…,"function":…,"line":42}`.
        public static let standard = SourceLocationLayout()
    }
}
