import Synchronization

/// Appends each record as one line to a file, cooperating with logrotate and shippers.
///
/// ```swift
/// let file = try FileSink(path: "/var/log/app/app.log")
/// try Log.bootstrap(level: .info, sinks: [file])
/// ```
///
/// - The file is opened with `O_APPEND | O_CREAT | O_NOFOLLOW` (mode ``Options/mode``,
///   0640 by default, also for the files rotation creates); a symbolic link at the path
///   is refused with ``FileSinkError/symbolicLink(path:)``. Each record is one
///   `write(2)` of a complete line under a lock, so lines never interleave or split,
///   even with other processes appending. When the sink opens (or reopens) a file whose
///   last byte is not `\n` (a process killed while writing left part of a line), it first
///   writes a `\n`: the fragment stays one line of its own and the next record is never
///   glued to it.
/// - Before each write (or at most every ``Options/identityCheckInterval``) the sink
///   compares the device and inode of the path with those of its open descriptor. When logrotate
///   has moved the file away (its default `create` mode) or it was deleted, the sink
///   opens a new file at the path. Under `copytruncate` nothing needs reopening: with
///   `O_APPEND` writes continue at the new end. ``reopen()`` reopens on demand, and
///   ``Options/reopensOnHangup`` reopens after `SIGHUP`.
/// - ``Options/rotation`` rotates by size or by time without logrotate.
/// - An unopenable path throws ``FileSinkError`` from the initializer. Later failures
///   (disk full, file deleted, permission changed) are counted in ``failureCount``,
///   the first is reported on standard error, and the sink retries on later writes; a
///   line that could only be written in part is removed again, so a full disk never
///   leaves a broken line in the file.
public final class FileSink: LineWritingSink, CustomStringConvertible {
    /// The path the sink writes to, as given.
    public let path: String
    /// The formatter that turns records into lines.
    public let formatter: any LogFormatter
    /// The lowest level written.
    public let level: LogLevel
    /// Filters a record must pass to be written.
    public let filters: [LogFilter]
    /// The options the sink was created with.
    public let options: Options

    struct State {
        var fd: Int32 = -1
        var identity: FileSystem.Identity?
        var size: Int64 = 0
        /// For time rotation: the UTC period (seconds / period length) of the open file.
        var period: Int64 = 0
        /// Monotonic milliseconds of the last identity check.
        var lastCheck: Int64 = 0
        var hangupsSeen = 0
        /// Set after a failure: check (and reopen) before the next write.
        var needsCheck = false
    }

    let state: LockedState<State>
    package let failures: FailureCounter
    private let reopenings = Atomic(0)

    /// Opens (creating when missing) the file at `path` for appending.
    ///
    /// - Parameters:
    ///   - path: The log file. Relative paths are relative to the working directory at
    ///     each (re)open.
    ///   - formatter: How records become lines; JSON lines by default.
    ///   - level: The lowest level written.
    ///   - filters: Filters a record must pass to be written.
    ///   - options: File mode, directory creation, rotation, reopening.
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
            var initial = try Self.open(path, options: options, now: FileSystem.monotonicMilliseconds())
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
        state.withLock { state in
            if state.fd >= 0 { FileSystem.close(state.fd) }
        }
    }

    /// The number of writes (records, or batches from ``AsyncSink``) that failed, plus
    /// failed attempts to reopen or rotate the file.
    public var failureCount: Int { failures.count }

    /// How many times the sink opened a new file after the first: rotations, reopens
    /// after logrotate moved the file, ``reopen()`` calls.
    public var reopenCount: Int { reopenings.load(ordering: .relaxed) }

    /// Appends preformatted complete lines with one `write(2)`, after checking whether
    /// the file was moved and whether it is time to rotate.
    ///
    /// Under size rotation, lines that do not fit in the file are written in parts of
    /// whole lines, rotating between them, so no file grows past the limit unless a
    /// single line does.
    public func writeLines(_ lines: UnsafeRawBufferPointer) {
        guard !lines.isEmpty else { return }
        let problem: String? = state.withLock { state in
            var rest = lines
            var problem: String?
            repeat {
                let part = UnsafeRawBufferPointer(rebasing: rest[..<partLength(rest, size: state.size)])
                problem = prepare(&state, incoming: part.count) ?? problem
                guard state.fd >= 0 else { return problem ?? "the file is not open" }
                if let error = Self.appendAll(state.fd, part) {
                    state.needsCheck = true
                    return problem ?? "writing failed: \(error)"
                }
                state.size += Int64(part.count)
                rest = UnsafeRawBufferPointer(rebasing: rest[part.count...])
            } while !rest.isEmpty
            return problem
        }
        if let problem { failures.record("FileSink \"\(path)\": \(problem)") }
    }

    /// How many bytes of `lines` (complete lines) the next write takes: all of them,
    /// unless size rotation is on and they do not fit in a file of `size` bytes; then the
    /// whole lines that fit in it, or when not even the first does (a rotation comes
    /// first), in an empty file; at least one line.
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

    /// Closes the file and opens the path again (creating it), for example after moving
    /// the file away yourself. Never throws: a failure is counted and reported, and the
    /// old descriptor stays in use.
    public func reopen() {
        let problem: String? = state.withLock { state in
            reopenFile(&state, now: FileSystem.monotonicMilliseconds())
        }
        if let problem { failures.record("FileSink \"\(path)\": \(problem)") }
    }

    /// The path, e.g. `file /var/log/app.log`.
    public var description: String { "file \(path)" }

    // MARK: - Internals

    /// Checks the path and rotation before a write of `incoming` bytes. Returns a
    /// description of a failure to reopen or rotate (the write still goes to the old
    /// descriptor when there is one).
    private func prepare(_ state: inout State, incoming: Int) -> String? {
        let now = FileSystem.monotonicMilliseconds()
        if options.reopensOnHangup {
            let hangups = FileSystem.hangupCount.load(ordering: .relaxed)
            if hangups != state.hangupsSeen {
                state.hangupsSeen = hangups
                if let problem = reopenFile(&state, now: now) { return problem }
            }
        }
        let checkIsDue = now - state.lastCheck >= options.identityCheckInterval.wholeMilliseconds
        if state.needsCheck || state.fd < 0 || checkIsDue {
            state.lastCheck = now
            if let problem = checkIdentity(&state, now: now) { return problem }
        }
        return rotateIfDue(&state, incoming: incoming, now: now)
    }

    /// Reopens when the path no longer names the open file.
    private func checkIdentity(_ state: inout State, now: Int64) -> String? {
        guard state.fd >= 0, let status = FileSystem.status(ofPath: path), status.identity == state.identity else {
            return reopenFile(&state, now: now)
        }
        state.size = status.size  // copytruncate shrinks the file under us
        state.needsCheck = false
        return nil
    }

    /// Opens the path again; keeps the old descriptor when that fails.
    func reopenFile(_ state: inout State, now: Int64) -> String? {
        do {
            var fresh = try Self.open(path, options: options, now: now)
            fresh.hangupsSeen = state.hangupsSeen
            if state.fd >= 0 { FileSystem.close(state.fd) }
            state = fresh
            reopenings.add(1, ordering: .relaxed)
            return nil
        } catch {
            state.lastCheck = now
            state.needsCheck = false
            return "reopening failed: \(error)"
        }
    }

    /// Opens `path`, reading its identity, size and age. When the file does not end in
    /// `\n` (a writer was killed in the middle of a line), ends that line, so the next
    /// record starts on a line of its own instead of being glued to the fragment.
    static func open(_ path: String, options: Options, now: Int64) throws(Errno) -> State {
        if options.createsDirectories, let directory = directory(of: path), !FileSystem.exists(directory) {
            _ = FileSystem.createDirectories(directory)
        }
        var state = State(fd: try FileSystem.openForAppending(path, mode: options.mode), lastCheck: now)
        guard let status = FileSystem.status(of: state.fd) else { return state }
        state.identity = status.identity
        state.size = status.size
        let wall = System.now().seconds
        let stamp = status.size > 0 ? min(status.modificationSeconds, wall) : wall
        if case .time(let period, _) = options.rotation {
            state.period = stamp.floorDivided(by: period.seconds)
        }
        if status.size > 0,
            let last = FileSystem.lastByte(ofPath: path, identity: status.identity, size: status.size),
            last != UInt8(ascii: "\n")
        {
            let newline: StaticString = "\n"
            if newline.withUTF8Buffer({ appendAll(state.fd, UnsafeRawBufferPointer($0)) }) == nil { state.size += 1 }
        }
        return state
    }

    /// Writes all of `bytes` (one or more complete lines); when a write fails part-way,
    /// cuts the file back by the bytes written after the last complete line, so the
    /// lines before it (of a batch) stay and no partial line does. Returns the failure.
    static func appendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Errno? {
        guard let failure = System.writeAll(fd, bytes) else { return nil }
        let complete = bytes[0..<failure.written].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let partial = Int64(failure.written - complete)
        // With O_APPEND the partial bytes are the file's last ones, unless another
        // process appended since; a truncating rotation in between is the only race,
        // and then cutting would be wrong only if the file grew back meanwhile.
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
