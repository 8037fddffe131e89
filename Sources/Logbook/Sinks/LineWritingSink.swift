/// A sink that writes records as lines of bytes and can take many preformatted lines
/// at once.
///
/// ``AsyncSink`` uses it to batch: its background thread formats records with the
/// sink's ``formatter`` into one buffer of complete lines and hands the whole buffer to
/// ``writeLines(_:)``, so a burst of records costs one `write(2)` instead of one each.
/// ``StreamSink`` and ``FileSink`` conform.
public protocol LineWritingSink: LogSink {
    /// The formatter that turns each record into a line, within its
    /// ``LogFormatter/lineLimit``.
    var formatter: any LogFormatter { get }

    /// Writes `lines`: one or more complete lines, each ending with `\n`, already
    /// formatted by ``formatter``. Writes them with one `write(2)` when it can and never
    /// splits a line between two writes that other threads could come between. Like
    /// ``LogSink/write(_:)`` it never throws and never crashes: failures are counted.
    func writeLines(_ lines: UnsafeRawBufferPointer)
}

extension LineWritingSink {
    /// Formats `record` with ``formatter`` into a per-thread buffer, ends the line with
    /// `\n` and hands it to ``writeLines(_:)``.
    public func write(_ record: LogRecord) {
        LogBuffer.withScratch { buffer in
            formatter.formatLine(record, into: &buffer)
            buffer.append(UInt8(ascii: "\n"))
            buffer.withUnsafeBytes { writeLines($0) }
        }
    }
}
