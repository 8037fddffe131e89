/// Turns a record into the bytes of one output line.
///
/// A formatter writes the line's content into a ``LogBuffer`` without the trailing
/// newline; the sink terminates the line. A formatter must keep the line a single line
/// (escape or replace newlines in the record's text) and must not throw, block or log.
///
/// Formatters are values; configure one and hand it to a sink:
///
/// ```swift
/// let sink = StreamSink(.standardOutput, formatter: JSONFormatter())
/// ```
///
/// Use ``format(_:)`` to see the line for a record you build yourself.
public protocol LogFormatter: Sendable {
    /// Appends the line for `record` to `buffer`, without a trailing newline.
    func format(_ record: LogRecord, into buffer: inout LogBuffer)

    /// The formatter to use when writing to a destination that is (or is not) a
    /// terminal. Sinks call this once, when they are created. The default returns `self`;
    /// ``ConsoleFormatter`` uses it to enable colour only on terminals.
    func resolved(forTerminal isTerminal: Bool) -> any LogFormatter
}

extension LogFormatter {
    /// Returns `self`: most formatters write the same bytes everywhere.
    public func resolved(forTerminal isTerminal: Bool) -> any LogFormatter { self }

    /// The line for `record`, without the trailing newline.
    public func format(_ record: LogRecord) -> String {
        var buffer = LogBuffer(capacity: 512)
        format(record, into: &buffer)
        return buffer.string
    }
}
