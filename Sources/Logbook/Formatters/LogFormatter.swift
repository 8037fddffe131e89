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
/// Use ``format(_:)`` to see the line for a record you build yourself. A formatter owns its
/// line cap, ``lineLimit``: sinks write what ``formatLine(_:into:)`` gives them.
public protocol LogFormatter: Sendable {
    /// Appends the line for `record` to `buffer`, without a trailing newline.
    func format(_ record: LogRecord, into buffer: inout LogBuffer)

    /// The formatter to use for a destination that is (or is not) a terminal, asked once
    /// when a sink is created. The default returns `self`; ``ConsoleFormatter`` colours
    /// only terminals.
    func resolved(forTerminal isTerminal: Bool) -> any LogFormatter

    /// The longest line in bytes, without the newline. The default is 64 KiB.
    var lineLimit: Int { get }

    /// Appends what sinks write: the line for `record`, at most ``lineLimit`` bytes, without
    /// a trailing newline. The default cuts a longer line at a UTF-8 character boundary and
    /// marks it `…[truncated N bytes]` (N: the whole line's length), keeping `key="quoted
    /// value"` syntax so logfmt-style lines still split into pairs.
    func formatLine(_ record: LogRecord, into buffer: inout LogBuffer)
}

extension LogFormatter {
    /// Returns `self`: most formatters write the same bytes everywhere.
    public func resolved(forTerminal isTerminal: Bool) -> any LogFormatter { self }

    /// 64 KiB.
    public var lineLimit: Int { 64 * 1024 }

    /// Formats `record`, then cuts a line longer than ``lineLimit`` with a marker.
    public func formatLine(_ record: LogRecord, into buffer: inout LogBuffer) {
        let start = buffer.count
        format(record, into: &buffer)
        buffer.cutLine(from: start, limit: lineLimit)
    }

    /// The line for `record`, without the trailing newline.
    public func format(_ record: LogRecord) -> String {
        var buffer = LogBuffer(capacity: 512)
        format(record, into: &buffer)
        return buffer.string
    }
}
