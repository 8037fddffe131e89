/// A handle to a named logger in the hierarchy: ask for one by its dotted name and log
/// (<doc:GettingStarted>); a library never configures output (<doc:ForLibraryAuthors>).
/// Handles with the same name share one node: configuration set through one (``level``,
/// ``propagates``, sinks, filters) is seen by all, immediately, from any thread. A handle is
/// a small value: store it in a property or a `static let`.
public struct Log: Sendable {
    @usableFromInline
    let node: LogNode
    // Fields added to every record created through this handle (see `with(_:)`); read by the
    // inlinable `log(level:…)`.
    @usableFromInline
    package let boundFields: LogFields

    /// The logger named `name` (`payments.gateway` is a child of `payments`), created with its
    /// missing ancestors if needed. The name is normalized, never rejected: whitespace and
    /// control characters around segments are trimmed, ones inside become `_`, empty segments
    /// are dropped, and `""` or `"root"` is ``root`` (`Log("root.payments")` is
    /// `Log("payments")`). Use ``init(validating:)`` to reject such names instead.
    public init(_ name: String) { self = LogHierarchy.shared.logger(name) }

    /// The logger named `name`; throws ``LogNameError`` unless the name is already in normal form.
    public init(validating name: String) throws(LogNameError) {
        try LoggerName.validate(name)
        self = LogHierarchy.shared.logger(name)
    }

    @usableFromInline
    init(node: LogNode, boundFields: LogFields) {
        self.node = node
        self.boundFields = boundFields
    }

    /// The root of the process-wide hierarchy, named `root` in records.
    public static var root: Log { LogHierarchy.shared.root }

    /// The logger's dotted name; `root` for the root.
    public var name: String { node.name }

    /// A handle to the same logger (sharing its configuration) that adds `fields` to its records:
    /// below the call site's, above the context's; binding again merges, the new values winning.
    public func with(_ fields: LogFields) -> Log {
        Log(node: node, boundFields: boundFields.merging(fields))
    }

    /// Whether a record at `level` would be delivered: it is at or above ``effectiveLevel`` and
    /// a sink on the way up (or the last resort) accepts it, or, for the current task only, a
    /// level override (``LogContext/with(level:operation:)-38esb``) or test capture wants it.
    @inlinable
    public func isEnabled(_ level: LogLevel) -> Bool {
        node.isEnabled(level) && node.isDelivered(level)
    }

    /// Logs `message` at `level`.
    ///
    /// `message` and `fields` are evaluated only when `level` is enabled. Call-site `fields`
    /// win over bound and context fields with the same key; `error`'s type and description
    /// become part of the record. Leave `file`, `function` and `line` at their defaults.
    @inlinable
    public func log(
        level: LogLevel,
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> LogFields = LogFields(),
        error: (any Error)? = nil,
        file: String = #fileID,
        function: String = #function,
        line: UInt = #line
    ) {
        if node.isEnabled(level) {
            node.emit(
                level, message, fields, bound: boundFields, error: error, file: file, function: function, line: line)
        }
    }
}
