/// One log event: what happened, where, when, and the fields that describe it. Loggers create
/// records; sinks receive them and formatters turn them into bytes. Its fields come from four
/// layers, merged only when formatted (see ``forEachField(_:)``): ``fields``, ``boundFields``,
/// ``context`` and ``providedFields``. Build one yourself, with a pinned ``timestamp``, to test a
/// formatter (see <doc:WritingSinksAndFormatters>).
public struct LogRecord: Sendable {
    // Declared in an order of their own, so the memberwise initializer (no extra retain and
    // release per field, unlike an explicit one) does not clash with the public one, and the
    // level fills the timestamp's padding: 128 bytes, copied inline rather than by `memcpy`.

    /// The dotted name of the logger that created the record, e.g. `payments.gateway`.
    public var logger: String
    /// When the record was created.
    public var timestamp: LogTimestamp
    /// The record's severity.
    public var level: LogLevel
    /// The message text.
    public var message: String
    /// Fields given at the call site; highest precedence.
    public var fields: LogFields
    /// Fields bound to the logger value with ``Log/with(_:)``.
    public var boundFields: LogFields
    /// The task-local ``LogContext`` captured when the record was created.
    public var context: LogContext
    /// ``providedFields``; `nil` when empty, so a record without providers touches no reference
    /// count.
    var providedStorage: LogFields? = nil
    /// The error passed to the logging call, if any.
    public var error: (any Error)?
    /// The source file of the call site (`#fileID`).
    public var file: String
    /// The function containing the call site (`#function`).
    public var function: String
    /// The line of the call site.
    public var line: UInt
}

extension LogRecord {
    /// Creates a record. Only the level, logger and message are required.
    public init(
        timestamp: LogTimestamp = .now(),
        level: LogLevel,
        logger: String,
        message: String,
        fields: LogFields = [:],
        boundFields: LogFields = [:],
        context: LogContext = LogContext(),
        error: (any Error)? = nil,
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        self.init(
            logger: logger, timestamp: timestamp, level: level, message: message, fields: fields,
            boundFields: boundFields, context: context, error: error, file: file, function: function, line: line)
    }

    /// What the bootstrapped ``LogFieldProvider``s returned, in registration order; lowest precedence.
    public var providedFields: LogFields {
        get { providedStorage ?? LogFields() }
        set { providedStorage = newValue.isEmpty ? nil : newValue }
    }
}
