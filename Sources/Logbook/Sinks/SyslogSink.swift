import Synchronization

/// Sends each record as an RFC 5424 message to a syslog receiver over UDP, TCP or a Unix socket.
///
/// ```swift
/// let syslog = try SyslogSink(.tcp(host: "127.0.0.1", port: 514),
///                         formatter: SyslogFormatter(facility: .local0, appName: "payments"))
/// try Log.bootstrap(level: .info, sinks: [AsyncSink(syslog)])
/// ```
///
/// While the receiver cannot be reached, messages wait in a bounded backlog (see ``Options``);
/// later writes and ``flush()`` reconnect and send it first, in order. A write may wait for a
/// TCP receiver (``Options/timeout``): wrap the sink in an ``AsyncSink``.
public final class SyslogSink: LogSink, CustomStringConvertible {
    let transport: Transport
    package let formatter: SyslogFormatter
    /// The lowest level sent.
    public let level: LogLevel
    /// Filters a record must pass to be sent.
    public let filters: [LogFilter]
    package let options: Options

    private struct State {
        var socket: SyslogSocket
        /// Oldest first; a slice, so removing the oldest is O(1).
        var backlog: ArraySlice<[UInt8]> = []
        var backlogBytes = 0
        /// ``System/coarseMonotonicNanoseconds()`` before which no (re)connection is attempted.
        var nextAttempt: Int64 = 0
        var delay: Int64
        var frame: [UInt8] = []

        mutating func removeOldest() {
            backlogBytes -= backlog[backlog.startIndex].count
            // Emptied first: the slice's buffer would keep a removed message until it is next copied.
            backlog[backlog.startIndex] = []
            backlog.removeFirst()
        }
    }

    private let state: LockedState<State>
    private let sent = Atomic(0)
    private let dropped = Atomic(0)
    /// The ``shutdown(timeout:)`` deadline (``ConditionLock/now()`` nanoseconds), if any; outside
    /// the lock, so a send already under way (holding it) sees a shutdown begin.
    private let deadline = Atomic(Int64.max)
    package let failures: FailureCounter

    /// Creates a sink; it connects on the first write.
    ///
    /// - Throws: ``SyslogSinkError/invalidOption(name:value:accepted:)`` for an empty host, a port
    ///   outside 1...65535, a socket path that is empty or too long, a host or path with a NUL byte,
    ///   or an option duration out of range.
    public init(
        _ transport: Transport,
        formatter: SyslogFormatter = SyslogFormatter(),
        level: LogLevel = .trace,
        filters: [LogFilter] = [],
        options: Options = Options()
    ) throws(SyslogSinkError) {
        try transport.validate()
        try options.validate()
        self.transport = transport
        self.formatter = formatter
        self.level = level
        self.filters = filters
        self.options = options
        self.failures = FailureCounter(
            consequence: "Messages are kept in a bounded backlog and the sink reconnects; "
                + "later failures are only counted (SyslogSink.failureCount, droppedCount).")
        state = LockedState(
            State(socket: SyslogSocket(transport: transport), delay: options.reconnectDelay.clampedNanoseconds))
    }

    deinit {
        state.withLock { $0.socket.disconnect() }
    }

    package var sentCount: Int { sent.load(ordering: .relaxed) }
    /// Messages dropped: the oldest in a full backlog, or ones the transport rejected.
    public var droppedCount: Int { dropped.load(ordering: .relaxed) }
    /// Failed connection and send attempts.
    public var failureCount: Int { failures.count }
    package var backlogCount: Int { state.withLock { $0.backlog.count } }
    /// Room for more messages in the backlog's storage; 0 once the storage is released.
    package var backlogRoom: Int { state.withLock { $0.backlog.capacity - $0.backlog.count } }

    /// Formats `record` and sends it, or keeps it in the backlog.
    public func write(_ record: LogRecord) {
        LogBuffer.withScratch { buffer in
            formatter.format(record, into: &buffer)
            buffer.withUnsafeBytes { send(message: $0) }
        }
    }

    /// Tries once to reconnect (ignoring the backoff) and send the backlog.
    public func flush() {
        let problem = state.withLock { state -> String? in
            guard !state.backlog.isEmpty else { return nil }
            state.nextAttempt = 0
            return deliverBacklog(&state)
        }
        if let problem { failures.record("SyslogSink \(transport): \(problem)") }
    }

    /// Keeps trying to deliver the backlog until it is empty or `timeout` passed, then closes the
    /// connection until the next write. Returns whether the backlog was delivered. What this call
    /// starts waits no longer; see the Production guide for what was already under way.
    @discardableResult
    public func shutdown(timeout: Duration) -> Bool {
        let deadline = ConditionLock.deadline(after: timeout)
        self.deadline.store(deadline, ordering: .relaxed)
        while true {
            flush()
            let left = deadline - ConditionLock.now()
            if backlogCount == 0 || left <= 0 { break }
            BackgroundThread.sleep(nanoseconds: min(left, 50_000_000))
        }
        return state.withLock { state in
            state.socket.disconnect()
            self.deadline.store(.max, ordering: .relaxed)
            return state.backlog.isEmpty
        }
    }

    /// `syslog(tcp://127.0.0.1:514)`.
    public var description: String { "syslog(\(transport))" }

    // MARK: - Internals

    private func send(message: UnsafeRawBufferPointer) {
        let problem = state.withLock { state -> String? in
            // Datagrams go as they are; TCP frames them as `LENGTH SP MESSAGE`.
            state.frame.removeAll(keepingCapacity: true)
            if case .tcp = transport {
                state.frame.append(contentsOf: String(message.count).utf8)
                state.frame.append(UInt8(ascii: " "))
            }
            state.frame.append(contentsOf: message)
            // The backlog goes first, so messages stay in order.
            let problem = deliverBacklog(&state)
            if !state.backlog.isEmpty {
                keep(state.frame, in: &state)
                return problem
            }
            let outcome = state.frame.withUnsafeBytes { sendFrame($0, state: &state) }
            if outcome.retry { keep(state.frame, in: &state) }
            return outcome.problem
        }
        if let problem { failures.record("SyslogSink \(transport): \(problem)") }
    }

    /// Sends one frame, (re)connecting first when the connection is gone and the backoff allows.
    /// Returns whether to keep the frame for a retry (it was neither sent nor dropped), and what to report.
    private func sendFrame(_ bytes: UnsafeRawBufferPointer, state: inout State) -> (retry: Bool, problem: String?) {
        if state.socket.peerHasClosed() { state.socket.disconnect() }
        if !state.socket.isConnected {
            guard System.coarseMonotonicNanoseconds() >= state.nextAttempt else { return (retry: true, nil) }
            if let error = state.socket.connect(timeoutMilliseconds: waitMilliseconds()) {
                scheduleReconnect(&state)
                return (retry: true, "connecting to \(transport) failed: \(error)")
            }
        }
        switch state.socket.send(bytes, timeoutMilliseconds: waitMilliseconds(), deadline: deadline) {
        case .sent:
            sent.add(1, ordering: .relaxed)
            state.delay = options.reconnectDelay.clampedNanoseconds
            return (retry: false, nil)
        case .busy:
            state.nextAttempt = System.coarseMonotonicNanoseconds() + 10_000_000
            return (retry: true, nil)
        case .disconnected(let error):
            state.socket.disconnect()
            scheduleReconnect(&state)
            return (retry: true, "sending to \(transport) failed: \(error)")
        case .rejected(let error):
            dropped.add(1, ordering: .relaxed)
            return (retry: false, "\(transport) rejected a message of \(bytes.count) bytes: \(error)")
        }
    }

    private func deliverBacklog(_ state: inout State) -> String? {
        guard !state.backlog.isEmpty, System.coarseMonotonicNanoseconds() >= state.nextAttempt else { return nil }
        while let message = state.backlog.first {
            let outcome = message.withUnsafeBytes { sendFrame($0, state: &state) }
            if outcome.retry { return outcome.problem }
            state.removeOldest()
        }
        // Empty, and backlogBytes is 0. The storage is kept only when small; a slice's capacity is
        // the room after its end, not its storage: its end index counts the messages it took.
        if state.backlog.endIndex > 1024 { state.backlog = [] }
        return nil
    }

    /// ``Options/timeout``, or less when a shutdown's deadline comes sooner.
    private func waitMilliseconds() -> Int32 {
        let deadline = self.deadline.load(ordering: .relaxed)
        let left = deadline == .max ? Int64.max : (deadline - ConditionLock.now()) / 1_000_000
        return Int32(clamping: max(0, min(options.timeout.clampedNanoseconds / 1_000_000, left)))
    }

    private func scheduleReconnect(_ state: inout State) {
        state.nextAttempt = System.coarseMonotonicNanoseconds() + state.delay
        state.delay = min(state.delay * 2, options.maximumReconnectDelay.clampedNanoseconds)
    }

    /// Adds a message to the backlog, dropping the oldest when it is full.
    private func keep(_ frame: [UInt8], in state: inout State) {
        guard options.backlogCapacity > 0, frame.count <= options.backlogBytes else {
            dropped.add(1, ordering: .relaxed)
            return
        }
        while state.backlog.count >= options.backlogCapacity
            || state.backlogBytes + frame.count > options.backlogBytes
        {
            state.removeOldest()
            dropped.add(1, ordering: .relaxed)
        }
        state.backlog.append(frame)
        state.backlogBytes += frame.count
    }
}
