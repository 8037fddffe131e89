/// A sink that writes records as lines of bytes and can take many preformatted lines at once,
/// like ``StreamSink`` and ``FileSink``. ``AsyncSink`` formats a burst of records with the
/// sink's ``formatter`` into one buffer for ``writeLines(_:)``: one `write(2)` instead of many.
public protocol LineWritingSink: LogSink {
    /// The formatter that turns each record into a line within its ``LogFormatter/lineLimit``.
    var formatter: any LogFormatter { get }

    /// Writes `lines` (complete lines formatted by ``formatter``, each ending with `\n`), with
    /// one `write(2)` when it can, never letting another thread's write split a line. Like
    /// ``LogSink/write(_:)`` it never throws and never crashes: failures are counted.
    func writeLines(_ lines: UnsafeRawBufferPointer)
}

extension LineWritingSink {
    /// Formats `record` into a per-thread buffer, ends the line and hands it to ``writeLines(_:)``.
    public func write(_ record: LogRecord) {
        LogBuffer.withScratch { buffer in
            formatter.formatLine(record, into: &buffer)
            buffer.append(UInt8(ascii: "\n"))
            buffer.withUnsafeBytes { writeLines($0) }
        }
    }
}
