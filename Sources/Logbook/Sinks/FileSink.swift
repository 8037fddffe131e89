import Synchronization

/// Appends each record as one line to a file, cooperating with logrotate and shippers.
///
/// ```swift
/// let file = try FileSink(path: "/var/log/app/app.log")
/// try Log.bootstrap(level: .info, sinks: [file])
/// ```
///
/// Each record is one `write(2)` of a complete line under a lock to a file opened with
/// `O_APPEND | O_CREAT | O_NOFOLLOW`, so lines never interleave or split, even with other
/// processes appending. Before each write (or every ``Options/identityCheckInterval``) the sink
/// reopens the path when logrotate moved the file or it was deleted. See the Production guide
/// for logrotate, shippers, torn lines, and failures (counted in ``failureCount``).
public final class FileSink: LineWritingSink, CustomStringConvertible {
    /// The path the sink writes to, as given.
    public let path: String
    /// The formatter that turns records into lines.
    public let formatter: any LogFormatter
    /// The lowest level written.
    public let level: LogLevel
    /// Filters a record must pass to be written.
    public let filters: [LogFilter]
    package let options: Options

    /// The open file (there always is one: the initializer throws without it, and a failed
    /// reopen keeps the old one) and when to check it.
    struct State {
        let fd: Int32
        var identity: FileSystem.Identity?
        var size: Int64 = 0
        /// For time rotation: the UTC period (seconds / period length) of the open file.
        var period: Int64 = 0
        /// When (``System/coarseMonotonicNanoseconds()``) the next write checks the path (sooner after a failure).
        var nextCheck: Int64
        var hangupsSeen = 0
    }

    let state: LockedState<State>
    package let failures: FailureCounter
    private let reopenings = Atomic(0)

    /// Opens (creating when missing) the file at `path` for appending, writing JSON lines
    /// unless `formatter` says otherwise. A relative `path` is resolved at each (re)open.
    ///
    /// - Throws: ``FileSinkError`` naming the path and the system's error when the file
    ///   cannot be opened, or an option (or a path with a NUL byte) that is not accepted.
    public init(
        path: String,
        formatter: any LogFormatter = JSONFormatter(),
        level: LogLevel = .trace,
        filters: [LogFilter] = [],
        options: Options = Options()
    ) throws(FileSinkError) {
        try options.validate()
        if path.utf8.contains(0) {
            // The C library would stop at the NUL and open (and rotate) another file.
            throw .invalidOption(name: "path", value: path.debugDescription, accepted: "a path without NUL bytes")
        }
        self.path = path
        self.formatter = formatter.resolved(forTerminal: false)
        self.level = level
        self.filters = filters
        self.options = options
        self.failures = FailureCounter(
            consequence: "Logging continues and the sink retries on later writes; "
                + "later failures are only counted (FileSink.failureCount).")
        if options.createsDirectories, let directory = Self.directory(of: path),
            let error = FileSystem.createDirectories(directory)
        {
            throw .cannotCreateDirectory(path: directory, errno: error.code)
        }
        do {
            var initial = try Self.open(path, options: options, now: System.coarseMonotonicNanoseconds())
            initial.hangupsSeen = FileSystem.hangupCount.load(ordering: .relaxed)
            state = LockedState(initial)
        } catch  where FileSystem.isSymbolicLinkRefusal(error, path: path) {
            throw .symbolicLink(path: path)
        } catch {
            throw .cannotOpen(path: path, errno: error.code)
        }
        if options.reopensOnHangup { FileSystem.installHangupHandler() }
    }

    deinit {
        state.withLock { FileSystem.closeDescriptor($0.fd) }
    }

    /// The number of writes (records, or batches from ``AsyncSink``) that failed, plus
    /// failed attempts to reopen or rotate the file.
    public var failureCount: Int { failures.count }

    /// How many times the sink opened a new file after the first: rotations, reopens
    /// after logrotate moved the file, ``reopen()`` calls.
    package var reopenCount: Int { reopenings.load(ordering: .relaxed) }

    /// Appends preformatted complete lines with one `write(2)`, after checking whether
    /// the file was moved and whether it is time to rotate (see ``FileRotation/size(maximumBytes:keep:)``).
    public func writeLines(_ lines: UnsafeRawBufferPointer) {
        guard !lines.isEmpty else { return }
        let problem: String? = state.withLock { state in
            var rest = lines
            var problem: String?
            repeat {
                let part = UnsafeRawBufferPointer(rebasing: rest[..<partLength(rest, size: state.size)])
                problem = prepare(&state, incoming: part.count) ?? problem
                if let error = Self.appendAll(state.fd, part) {
                    state.nextCheck = .min
                    return problem ?? "writing failed: \(error)"
                }
                state.size += Int64(part.count)
                rest = UnsafeRawBufferPointer(rebasing: rest[part.count...])
            } while !rest.isEmpty
            return problem
        }
        if let problem { failures.record("FileSink \"\(path)\": \(problem)") }
    }

    /// How many bytes of `lines` the next write takes: under size rotation, the whole lines
    /// that fit in the file (or, when none does, in an empty one), at least one; else all.
    private func partLength(_ lines: UnsafeRawBufferPointer, size: Int64) -> Int {
        guard case .size(let maximumBytes, _) = options.rotation, Int64(lines.count) > Int64(maximumBytes) - size
        else { return lines.count }
        let newline = UInt8(ascii: "\n")
        let room = Int(max(0, Int64(maximumBytes) - size))
        for limit in [room, maximumBytes] where limit > 0 {
            if let last = lines[..<min(limit, lines.count)].lastIndex(of: newline) { return last + 1 }
        }
        return (lines.firstIndex(of: newline) ?? lines.count - 1) + 1
    }

    /// Closes the file and opens the path again (creating it), say after moving the file away
    /// yourself. A failure is counted and reported, and the old descriptor stays in use.
    public func reopen() {
        let problem: String? = state.withLock { state in
            reopenFile(&state, now: System.coarseMonotonicNanoseconds())
        }
        if let problem { failures.record("FileSink \"\(path)\": \(problem)") }
    }

    /// The path, e.g. `file /var/log/app.log`.
    public var description: String { "file \(path)" }

    // MARK: - Internals

    /// Reopens or rotates as due before a write of `incoming` bytes; returns a failure to do so.
    private func prepare(_ state: inout State, incoming: Int) -> String? {
        let now = System.coarseMonotonicNanoseconds()
        if options.reopensOnHangup {  // the counter is read only when it matters
            let hangups = FileSystem.hangupCount.load(ordering: .relaxed)
            if hangups != state.hangupsSeen {
                state.hangupsSeen = hangups
                if let problem = reopenFile(&state, now: now) { return problem }
            }
        }
        if now >= state.nextCheck {  // reopen when the path no longer names the open file
            state.nextCheck = now + options.identityCheckInterval.clampedNanoseconds
            if let status = FileSystem.status(ofPath: path), status.identity == state.identity {
                state.size = status.size  // copytruncate shrinks the file under us
            } else if let problem = reopenFile(&state, now: now) {
                return problem
            }
        }
        return rotateIfDue(&state, incoming: incoming, now: now)
    }

    /// Opens the path again; keeps the old descriptor when that fails.
    func reopenFile(_ state: inout State, now: Int64) -> String? {
        do {
            var fresh = try Self.open(path, options: options, now: now)
            fresh.hangupsSeen = state.hangupsSeen
            FileSystem.closeDescriptor(state.fd)
            state = fresh
            reopenings.add(1, ordering: .relaxed)
            return nil
        } catch {
            state.nextCheck = now + options.identityCheckInterval.clampedNanoseconds
            return "reopening failed: \(error)"
        }
    }

    /// Opens `path`, reading its identity, size and age, and ends a line a killed writer
    /// left unfinished, so the next record is not glued to the fragment.
    static func open(_ path: String, options: Options, now: Int64) throws(Errno) -> State {
        if options.createsDirectories, let directory = directory(of: path), !FileSystem.exists(directory) {
            _ = FileSystem.createDirectories(directory)
        }
        let fd = try FileSystem.openForAppending(path, mode: options.mode)
        var state = State(fd: fd, nextCheck: now + options.identityCheckInterval.clampedNanoseconds)
        guard let status = FileSystem.status(of: state.fd) else { return state }
        state.identity = status.identity
        state.size = status.size
        let wall = System.now().seconds
        let stamp = status.size > 0 ? min(status.modificationSeconds, wall) : wall
        if case .time(let period, _) = options.rotation {
            state.period = stamp.floorDivided(by: period.seconds)
        }
        let newline = UInt8(ascii: "\n")
        let last = FileSystem.lastByte(ofPath: path, identity: status.identity, size: status.size) ?? newline
        if last != newline, withUnsafeBytes(of: newline, { appendAll(state.fd, $0) }) == nil { state.size += 1 }
        return state
    }

    /// Writes all of `bytes` (complete lines). When a write fails part-way, cuts the file
    /// back to the last complete line written, so no partial line stays. Returns the failure.
    static func appendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Errno? {
        guard let failure = System.writeAll(fd, bytes) else { return nil }
        let complete = bytes[0..<failure.written].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let partial = Int64(failure.written - complete)
        // With O_APPEND the partial bytes are the file's last, unless another process appended
        // since; a truncating rotation in between is the only race, and harmless unless the file grew back.
        if partial > 0, let status = FileSystem.status(of: fd), status.size >= partial {
            _ = FileSystem.truncate(fd, to: status.size - partial)
        }
        return Errno(failure.code)
    }

    static func directory(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}
