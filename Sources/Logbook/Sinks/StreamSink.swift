/// Writes each record as one line to standard output, standard error or any open file descriptor.
///
/// ```swift
/// try Log.bootstrap(level: .info, sinks: [StreamSink(.standardOutput, formatter: JSONFormatter())])
/// ```
///
/// Each record is a single `write(2)` of the complete line under the descriptor's lock (looping
/// on partial writes and `EINTR`), so lines never interleave or split. A failing write (`EPIPE`,
/// `EBADF`, `ENOSPC`, ...) is counted in ``failureCount``; a write to a closed pipe raises `SIGPIPE`,
/// which kills the process unless ignored (``LogConfiguration/ignoresBrokenPipe``).
public final class StreamSink: LineWritingSink, CustomStringConvertible {
    /// Where a ``StreamSink`` writes.
    public enum Output: Sendable, Hashable {
        /// File descriptor 1.
        case standardOutput
        /// File descriptor 2.
        case standardError
        /// An open file descriptor the caller owns; the sink never closes it.
        case fileDescriptor(Int32)

        var fileDescriptor: Int32 {
            switch self {
            case .standardOutput: 1
            case .standardError: 2
            case .fileDescriptor(let fd): fd
            }
        }
    }

    package let output: Output
    /// The formatter, resolved for the destination (see ``LogFormatter/resolved(forTerminal:)``).
    public let formatter: any LogFormatter
    /// The lowest level written.
    public let level: LogLevel
    /// Filters a record must pass to be written.
    public let filters: [LogFilter]

    private let writeLock: ConditionLock
    package let failures: FailureCounter

    /// One write lock per file descriptor, shared by every stream sink (the last resort and
    /// diagnostics included): on a pipe a `write(2)` longer than `PIPE_BUF` is not atomic, so
    /// two sinks on one descriptor with locks of their own could interleave lines.
    private static let descriptorLocks = LockedState<[Int32: ConditionLock]>([:])

    /// Creates a sink writing to `output`, JSON lines unless `formatter` says otherwise.
    public init(
        _ output: Output,
        formatter: any LogFormatter = JSONFormatter(),
        level: LogLevel = .trace,
        filters: [LogFilter] = []
    ) {
        self.output = output
        self.writeLock = Self.descriptorLocks.withLock { locks in
            let lock = locks[output.fileDescriptor] ?? ConditionLock()
            locks[output.fileDescriptor] = lock
            return lock
        }
        self.formatter = formatter.resolved(forTerminal: System.isTerminal(output.fileDescriptor))
        self.level = level
        self.filters = filters
        self.failures = FailureCounter(
            consequence: "Logging continues; later failures are only counted (StreamSink.failureCount).")
    }

    /// The number of records whose write failed.
    public var failureCount: Int { failures.count }

    /// Writes preformatted complete lines with one `write(2)` under the descriptor's shared lock.
    public func writeLines(_ lines: UnsafeRawBufferPointer) {
        let failure = writeLock.withLock { System.writeAll(output.fileDescriptor, lines) }
        if let failure { failures.record("StreamSink could not write to \(description): \(Errno(failure.code))") }
    }

    /// The destination, e.g. `standard output` or `file descriptor 7`.
    public var description: String {
        switch output {
        case .standardOutput: "standard output"
        case .standardError: "standard error"
        case .fileDescriptor(let fd): "file descriptor \(fd)"
        }
    }
}
