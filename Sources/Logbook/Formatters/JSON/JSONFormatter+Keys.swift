extension JSONFormatter {
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

    /// The four members every line starts with, in the order given by ``headerOrder``.
    public enum HeaderMember: Sendable, Hashable, CaseIterable {
        /// The record's time, RFC 3339 UTC with milliseconds.
        case timestamp
        /// The record's level, as named by ``levelNames``.
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

    /// How the call site is written when ``includesSourceLocation`` is on.
    ///
    /// ```swift
    /// // "logging.googleapis.com/sourceLocation":{"file":"App/Main.swift","function":"run()","line":"42"}
    /// JSONFormatter.SourceLocationLayout(nestedUnder: "logging.googleapis.com/sourceLocation", lineAsString: true)
    /// // "log.origin.file.name":"App/Main.swift","log.origin.function":"run()","log.origin.file.line":42
    /// JSONFormatter.SourceLocationLayout(
    ///     flattenedFile: "log.origin.file.name", function: "log.origin.function", line: "log.origin.file.line")
    /// ```
    public struct SourceLocationLayout: Sendable, Hashable {
        /// The key of the object holding a nested location (`nil`: ``Keys-swift.struct/source``).
        public var objectKey: String?
        /// The key of the file (`#fileID`).
        public var file: String
        /// The key of the function.
        public var function: String
        /// The key of the line number.
        public var line: String
        /// Whether the line is written as a string (`"42"`), as Google Cloud's
        /// `LogEntrySourceLocation` does for its 64-bit `line`.
        public var lineAsString: Bool

        /// Members in one object under `objectKey`; `nil` uses ``Keys-swift.struct/source``.
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

        /// Whether the members are written in one object.
        public private(set) var isNested = true

        /// `"source":{"file":…,"function":…,"line":42}`.
        public static let standard = SourceLocationLayout()
    }
}
